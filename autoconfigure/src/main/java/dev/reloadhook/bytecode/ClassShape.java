package dev.reloadhook.bytecode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.Attribute;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.RecordComponentVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;
import org.springframework.asm.TypePath;

/**
 * Everything about a class that {@code Instrumentation.redefineClasses} cannot change or
 * that Spring reads at startup: supertypes, fields, method signatures, annotations
 * (with their values) anywhere, record components, nest attributes, and the inner-class
 * entries of the class itself and of its member classes. Method bodies, line numbers,
 * local variables and the entries for other classes' member classes that the code uses
 * are left out. Two class files with the same shape differ in method bodies only.
 * <p>
 * Its {@linkplain #parts startup code} is apart: the bodies of {@code @Bean} methods, of
 * the callbacks of a configurer the class implements ({@code WebMvcConfigurer}'s
 * {@code addViewControllers}, {@code addInterceptors}...; see {@link ConfigurerCallbacks}),
 * and of the lambdas written in them. Spring runs them once, while it starts the context,
 * so redefining them changes nothing that runs: a change to them needs a restart.
 *
 * @author reload-hook
 */
public final class ClassShape {

	private ClassShape() {
	}

	/**
	 * Describe the shape of a class file.
	 * @param classFile the class file's bytes
	 * @return a canonical description: equal strings mean equal shapes
	 */
	public static String of(byte[] classFile) {
		return read(classFile).toString();
	}

	/**
	 * Describe the shape of a class file and, apart, the code of it that Spring runs only
	 * while it starts a context: the bodies of its {@code @Bean} methods, of its configurer
	 * callbacks and of the lambdas written in them.
	 * @param classFile the class file's bytes
	 * @return both descriptions, read in one pass
	 */
	public static Parts parts(byte[] classFile) {
		Recorder recorder = read(classFile);
		return new Parts(recorder.toString(), recorder.startupCode(), !recorder.callbacks.isEmpty());
	}

	/**
	 * A class file's shape and its startup code.
	 *
	 * @param shape the shape, as {@link #of} describes it
	 * @param startupCode the startup code: equal strings mean equal startup code
	 * @param configurer whether the class implements a configurer, whose callbacks are
	 * startup code
	 */
	public record Parts(String shape, String startupCode, boolean configurer) {
	}

	private static Recorder read(byte[] classFile) {
		Recorder recorder = new Recorder();
		new ClassReader(classFile).accept(recorder, ClassReader.SKIP_FRAMES);
		return recorder;
	}

	private static final class Recorder extends ClassVisitor {

		private static final String BEAN = "Lorg/springframework/context/annotation/Bean;";

		private static final String LAMBDA = "lambda$";

		private final List<String> lines = new ArrayList<>();

		private String name = "";

		/** The code of the methods that may be startup code, by name and descriptor. */
		private final Map<String, List<String>> code = new LinkedHashMap<>();

		/** The {@code @Bean} methods and configurer callbacks, by name. */
		private final Set<String> startupMethods = new HashSet<>();

		/** The names of the configurer callbacks the class implements, if any. */
		private Set<String> callbacks = Set.of();

		Recorder() {
			super(SpringAsmInfo.ASM_VERSION);
		}

		private void add(String line) {
			this.lines.add(line);
		}

		@Override
		public void visit(int version, int access, String name, @Nullable String signature, @Nullable String superName,
				String @Nullable [] interfaces) {
			this.name = name;
			this.callbacks = ConfigurerCallbacks.of(interfaces);
			add("class " + access + " " + name + " " + signature + " extends " + superName + " implements "
					+ Arrays.toString(interfaces));
		}

		@Override
		public void visitNestHost(String nestHost) {
			add("nestHost " + nestHost);
		}

		@Override
		public void visitOuterClass(String owner, @Nullable String name, @Nullable String descriptor) {
			add("outer " + owner + " " + name + " " + descriptor);
		}

		@Override
		public @Nullable AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
			return annotation("@" + descriptor + " " + visible);
		}

		@Override
		public @Nullable AnnotationVisitor visitTypeAnnotation(int typeRef, @Nullable TypePath typePath,
				String descriptor, boolean visible) {
			return annotation("@type " + typeRef + " " + typePath + " " + descriptor);
		}

		@Override
		public void visitAttribute(Attribute attribute) {
			add("attribute " + attribute.type);
		}

		@Override
		public void visitNestMember(String nestMember) {
			add("nestMember " + nestMember);
		}

		@Override
		public void visitPermittedSubclass(String permittedSubclass) {
			add("permits " + permittedSubclass);
		}

		@Override
		public void visitInnerClass(String name, @Nullable String outerName, @Nullable String innerName, int access) {
			if (outerName != null && !outerName.equals(this.name) && !name.equals(this.name)) {
				// A member class of another class that this one only uses (javac records
				// one for MethodHandles.Lookup with the first string concatenation, and for
				// Map.Entry, ResponseEntity.BodyBuilder...): a method body that starts using
				// it redefines (the JVM does not compare inner-class attributes).
				return;
			}
			add("inner " + name + " " + outerName + " " + innerName + " " + access);
		}

		@Override
		public @Nullable RecordComponentVisitor visitRecordComponent(String name, String descriptor,
				@Nullable String signature) {
			String prefix = "component " + name + " " + descriptor + " " + signature;
			add(prefix);
			return new RecordComponentVisitor(this.api) {

				@Override
				public @Nullable AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
					return annotation(prefix + " @" + annotation);
				}

			};
		}

		@Override
		public @Nullable FieldVisitor visitField(int access, String name, String descriptor, @Nullable String signature,
				@Nullable Object value) {
			String prefix = "field " + access + " " + name + " " + descriptor + " " + signature + " = " + value;
			add(prefix);
			return new FieldVisitor(this.api) {

				@Override
				public @Nullable AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
					return annotation(prefix + " @" + annotation);
				}

				@Override
				public @Nullable AnnotationVisitor visitTypeAnnotation(int typeRef, @Nullable TypePath typePath,
						String annotation, boolean visible) {
					return annotation(prefix + " @type " + typeRef + " " + typePath + " " + annotation);
				}

			};
		}

		@Override
		public @Nullable MethodVisitor visitMethod(int access, String name, String descriptor,
				@Nullable String signature, String @Nullable [] exceptions) {
			String prefix = "method " + access + " " + name + descriptor + " " + signature + " throws "
					+ Arrays.toString(exceptions);
			add(prefix);
			// Only what is outside the Code attribute (annotations and parameters), except
			// for the static initializer: a redefined class does not run it again.
			boolean initializer = "<clinit>".equals(name);
			String key = name + descriptor;
			return new MethodVisitor(this.api) {

				// Lambdas are compiled to methods named after the method they are written
				// in; whether that one is a @Bean method is known once every method is read.
				// A method's annotations are read before its code.
				private @Nullable List<String> startup = (name.startsWith(LAMBDA) || callback()) ? startupCode(key) : null;

				private boolean callback() {
					if ((access & Opcodes.ACC_STATIC) == 0 && Recorder.this.callbacks.contains(name)) {
						Recorder.this.startupMethods.add(name);
						return true;
					}
					return false;
				}

				private void code(String instruction) {
					if (initializer) {
						add(prefix + " " + instruction);
					}
					else if (this.startup != null) {
						this.startup.add(prefix + " " + instruction);
					}
				}

				@Override
				public void visitInsn(int opcode) {
					code("insn " + opcode);
				}

				@Override
				public void visitIntInsn(int opcode, int operand) {
					code("int " + opcode + " " + operand);
				}

				@Override
				public void visitVarInsn(int opcode, int varIndex) {
					code("var " + opcode + " " + varIndex);
				}

				@Override
				public void visitTypeInsn(int opcode, String type) {
					code("type " + opcode + " " + type);
				}

				@Override
				public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
					code("field " + opcode + " " + owner + "." + field + " " + fieldDescriptor);
				}

				@Override
				public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
						boolean isInterface) {
					code("method " + opcode + " " + owner + "." + method + methodDescriptor);
				}

				@Override
				public void visitInvokeDynamicInsn(String method, String methodDescriptor,
						org.springframework.asm.Handle bootstrap, Object... arguments) {
					code("indy " + method + methodDescriptor + " " + bootstrap + " " + Arrays.toString(arguments));
				}

				@Override
				public void visitJumpInsn(int opcode, org.springframework.asm.Label label) {
					code("jump " + opcode);
				}

				@Override
				public void visitLdcInsn(Object value) {
					code("ldc " + describe(value));
				}

				@Override
				public void visitIincInsn(int varIndex, int increment) {
					code("iinc " + varIndex + " " + increment);
				}

				@Override
				public void visitTableSwitchInsn(int min, int max, org.springframework.asm.Label dflt,
						org.springframework.asm.Label... labels) {
					code("tableswitch " + min + " " + max);
				}

				@Override
				public void visitLookupSwitchInsn(org.springframework.asm.Label dflt, int[] keys,
						org.springframework.asm.Label[] labels) {
					code("lookupswitch " + Arrays.toString(keys));
				}

				@Override
				public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
					code("multianewarray " + arrayDescriptor + " " + dimensions);
				}

				@Override
				public void visitParameter(@Nullable String parameter, int parameterAccess) {
					add(prefix + " parameter " + parameter + " " + parameterAccess);
				}

				@Override
				public @Nullable AnnotationVisitor visitAnnotationDefault() {
					return annotation(prefix + " default");
				}

				@Override
				public @Nullable AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
					if (BEAN.equals(annotation)) {
						Recorder.this.startupMethods.add(name);
						this.startup = startupCode(key);
					}
					return annotation(prefix + " @" + annotation);
				}

				@Override
				public @Nullable AnnotationVisitor visitParameterAnnotation(int parameter, String annotation,
						boolean visible) {
					return annotation(prefix + " parameter " + parameter + " @" + annotation);
				}

				@Override
				public @Nullable AnnotationVisitor visitTypeAnnotation(int typeRef, @Nullable TypePath typePath,
						String annotation, boolean visible) {
					// Type annotations on the signature, not those inside the code.
					return annotation(prefix + " @type " + typeRef + " " + typePath + " " + annotation);
				}

			};
		}

		private AnnotationVisitor annotation(String prefix) {
			add(prefix);
			return new AnnotationVisitor(this.api) {

				@Override
				public void visit(@Nullable String name, Object value) {
					add(prefix + " " + name + "=" + describe(value));
				}

				@Override
				public void visitEnum(@Nullable String name, String descriptor, String value) {
					add(prefix + " " + name + "=" + descriptor + "." + value);
				}

				@Override
				public @Nullable AnnotationVisitor visitAnnotation(@Nullable String name, String descriptor) {
					return annotation(prefix + " " + name + "=@" + descriptor);
				}

				@Override
				public @Nullable AnnotationVisitor visitArray(@Nullable String name) {
					return annotation(prefix + " " + name + "[]");
				}

			};
		}

		private static String describe(Object value) {
			if (value instanceof Type type) {
				return type.getDescriptor();
			}
			if (value.getClass().isArray()) {
				if (value instanceof int[] ints) {
					return Arrays.toString(ints);
				}
				if (value instanceof long[] longs) {
					return Arrays.toString(longs);
				}
				if (value instanceof byte[] bytes) {
					return Arrays.toString(bytes);
				}
				if (value instanceof char[] chars) {
					return Arrays.toString(chars);
				}
				if (value instanceof boolean[] booleans) {
					return Arrays.toString(booleans);
				}
				if (value instanceof short[] shorts) {
					return Arrays.toString(shorts);
				}
				if (value instanceof float[] floats) {
					return Arrays.toString(floats);
				}
				if (value instanceof double[] doubles) {
					return Arrays.toString(doubles);
				}
			}
			return String.valueOf(value);
		}

		private List<String> startupCode(String method) {
			return this.code.computeIfAbsent(method, (key) -> new ArrayList<>());
		}

		/**
		 * The code of the {@code @Bean} methods, the configurer callbacks and the lambdas
		 * written in them.
		 */
		String startupCode() {
			List<String> startup = new ArrayList<>();
			this.code.forEach((method, code) -> {
				String name = method.substring(0, method.indexOf('('));
				String enclosing = enclosing(name);
				if (this.startupMethods.contains(name)
						|| (enclosing != null && this.startupMethods.contains(enclosing))) {
					startup.addAll(code);
				}
			});
			return String.join("\n", startup);
		}

		/** {@code lambda$securityFilterChain$0} was written in {@code securityFilterChain}. */
		private static @Nullable String enclosing(String name) {
			if (!name.startsWith(LAMBDA)) {
				return null;
			}
			int end = name.lastIndexOf('$');
			return (end > LAMBDA.length()) ? name.substring(LAMBDA.length(), end) : null;
		}

		@Override
		public String toString() {
			return String.join("\n", this.lines);
		}

	}

}
