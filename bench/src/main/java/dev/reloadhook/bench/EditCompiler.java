package dev.reloadhook.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one source with {@code javax.tools}, the way an IDE or {@code mvn compile}
 * would (same release and {@code -parameters} as the Boot parent), into memory.
 */
final class EditCompiler {

	private EditCompiler() {
	}

	/**
	 * @return the class files, by path relative to a class directory
	 */
	static Map<String, byte[]> compile(String className, String source, String classPath) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new IllegalStateException("No system Java compiler: run the benchmark on a JDK");
		}
		Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
		StringWriter errors = new StringWriter();
		try (StandardJavaFileManager standard = compiler.getStandardFileManager(null, Locale.ROOT, null);
				JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
					@Override
					public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
							FileObject sibling) {
						String path = name.replace('.', '/') + kind.extension;
						return new SimpleJavaFileObject(URI.create("mem:///" + path), kind) {
							@Override
							public OutputStream openOutputStream() {
								return outputs.computeIfAbsent(path, (key) -> new ByteArrayOutputStream());
							}
						};
					}
				}) {
			JavaFileObject unit = new SimpleJavaFileObject(
					URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
				@Override
				public CharSequence getCharContent(boolean ignoreEncodingErrors) {
					return source;
				}
			};
			List<String> options = List.of("--release", "17", "-parameters", "-proc:none", "-classpath", classPath);
			if (!compiler.getTask(errors, files, null, options, null, List.of(unit)).call()) {
				throw new IllegalStateException("Compiling " + className + " failed:\n" + errors);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Map<String, byte[]> classes = new TreeMap<>();
		outputs.forEach((path, bytes) -> classes.put(path, bytes.toByteArray()));
		return classes;
	}

}
