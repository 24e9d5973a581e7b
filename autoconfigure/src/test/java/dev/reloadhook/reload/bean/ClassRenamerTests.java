package dev.reloadhook.reload.bean;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClassRenamer}.
 */
class ClassRenamerTests {

	private static final Map<String, String> RENAMES = Map.of("app/Greeting", "app/Greeting$Reload1");

	@Test
	void renamesClassNamesDescriptorsAndSignaturesOfTheClassAndItsNestedClasses() {
		assertThat(ClassRenamer.renamed("app/Greeting", RENAMES)).isEqualTo("app/Greeting$Reload1");
		assertThat(ClassRenamer.renamed("app/Greeting$1", RENAMES)).isEqualTo("app/Greeting$Reload1$1");
		assertThat(ClassRenamer.renamed("(Lapp/Greeting;[Lapp/Greeting$Inner;)Lapp/Greeting;", RENAMES))
			.isEqualTo("(Lapp/Greeting$Reload1;[Lapp/Greeting$Reload1$Inner;)Lapp/Greeting$Reload1;");
		assertThat(ClassRenamer.renamed("Ljava/util/List<Lapp/Greeting;>;", RENAMES))
			.isEqualTo("Ljava/util/List<Lapp/Greeting$Reload1;>;");
	}

	@Test
	void leavesOtherNamesThatContainTheNameAlone() {
		assertThat(ClassRenamer.renamed("app/GreetingService", RENAMES)).isEqualTo("app/GreetingService");
		assertThat(ClassRenamer.renamed("Lapp/Greetings;", RENAMES)).isEqualTo("Lapp/Greetings;");
		assertThat(ClassRenamer.renamed("Lother/app/Greeting;", RENAMES)).isEqualTo("Lother/app/Greeting;");
		assertThat(ClassRenamer.renamed("Greeting.java", RENAMES)).isEqualTo("Greeting.java");
	}

	@Test
	void aRenamedClassFileDefinesAWorkingClassUnderTheNewName() throws Exception {
		Map<String, String> renames = Map.of(ClassRenamerTests.class.getName().replace('.', '/'),
				ClassRenamerTests.class.getName().replace('.', '/') + "$Reload7");
		byte[] bytes = ClassRenamer.rename(classFile(Renamed.class), renames);
		Class<?> type = new ClassLoader(getClass().getClassLoader()) {

			Class<?> define() {
				return defineClass(null, bytes, 0, bytes.length);
			}

		}.define();
		// A nested class follows its top-level class.
		assertThat(type.getName()).isEqualTo(ClassRenamerTests.class.getName() + "$Reload7$Renamed");
		@SuppressWarnings("unchecked")
		Supplier<String> supplier = (Supplier<String>) type.getDeclaredConstructor().newInstance();
		assertThat(supplier.get()).isEqualTo("renamed 42");
		assertThat(type.getDeclaredMethod("self").getReturnType()).isSameAs(type);
		// Source file and line numbers are kept: debuggers list the source of the version
		// and stop at its lines.
		StackTraceElement renamed = (StackTraceElement) type.getDeclaredMethod("where").invoke(supplier);
		StackTraceElement original = new Renamed().where();
		assertThat(renamed.getClassName()).isEqualTo(type.getName());
		assertThat(renamed.getFileName()).isEqualTo("ClassRenamerTests.java");
		assertThat(renamed.getLineNumber()).isPositive().isEqualTo(original.getLineNumber());
	}

	private static byte[] classFile(Class<?> type) throws IOException {
		String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
		try (InputStream in = type.getResourceAsStream(resource)) {
			return in.readAllBytes();
		}
	}

	public static class Renamed implements Supplier<String> {

		private static final long ANSWER = 42L;

		public Renamed self() {
			return this;
		}

		public StackTraceElement where() {
			return new Throwable().getStackTrace()[0];
		}

		@Override
		public String get() {
			return "renamed " + ANSWER + (self() == this ? "" : "?");
		}

	}

}
