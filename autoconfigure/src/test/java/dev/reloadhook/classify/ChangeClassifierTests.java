package dev.reloadhook.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.watch.ChangedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChangeClassifier}, over pairs of classes compiled with
 * {@code javax.tools}.
 */
class ChangeClassifierTests {

	private static final String BASE = """
			package demo;

			@Deprecated
			public class Sample implements Runnable {

				static final java.util.List<String> NAMES = java.util.List.of("a");

				private int count;

				@Deprecated
				public String greet(String name) {
					return "hello " + name;
				}

				@Override
				public void run() {
					count++;
				}

			}
			""";

	@TempDir
	Path temp;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			method body                | return "hello " + name;  | return "hi " + name;                                        | HOTSWAP
			lambda added               | count++;                 | Runnable r = () -> count++; r.run();                        | RESTART
			same source                | count++;                 | count++;                                                    | NO_OP
			line numbers only          | count++;                 | \\n\\n count++;                                               | HOTSWAP
			new field                  | private int count;       | private int count; private int other;                       | RESTART
			field type                 | private int count;       | private long count;                                         | RESTART
			method signature           | String greet(String name)| String greet(CharSequence name)                             | RESTART
			new method                 | @Override                | public void extra() { } @Override                           | RESTART
			method annotation removed  | @Deprecated\\n\\tpublic String | public String                                          | RESTART
			annotation value           | @Deprecated              | @Deprecated(since = "2")                                    | RESTART
			supertype                  | implements Runnable      | implements Runnable, java.io.Serializable                   | RESTART
			static initializer         | java.util.List.of("a")   | java.util.List.of("b")                                      | RESTART
			""")
	void classifiesAChangedClass(String change, String from, String to, ChangeKind expected) throws Exception {
		String changed = BASE.replace(from.replace("\\n", "\n").replace("\\t", "\t"),
				to.replace("\\n", "\n").replace("\\t", "\t"));
		if (expected != ChangeKind.NO_OP) {
			assertThat(changed).as("the test changes the source").isNotEqualTo(BASE);
		}
		Classification classification = classifyChange(BASE, changed);
		assertThat(classification.kind()).as(change + ": " + classification.reason()).isEqualTo(expected);
	}

	private static final String CONFIGURATION = """
			package demo;

			@org.springframework.context.annotation.Configuration
			public class Sample {

				@org.springframework.context.annotation.Bean
				public java.util.function.Supplier<String> rule() {
					String path = "/a";
					return () -> path + "!";
				}

				@org.springframework.context.annotation.Bean
				public Runnable task() {
					return () -> System.out.println("task");
				}

				public String helper() {
					return "helper";
				}

			}
			""";

	/**
	 * Spring runs a {@code @Bean} method once, when the context starts: a hot swap of its
	 * body, or of a lambda written in it, would leave the bean it made as it was.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			@Bean method body           | String path = "/a";       | String path = "/b";          | RESTART
			lambda in a @Bean method    | println("task")           | println("job")               | RESTART
			other method body           | return "helper";          | return "other";              | HOTSWAP
			""")
	void classifiesAChangedConfigurationClass(String change, String from, String to, ChangeKind expected)
			throws Exception {
		String changed = CONFIGURATION.replace(from, to);
		assertThat(changed).as("the test changes the source").isNotEqualTo(CONFIGURATION);
		Classification classification = classifyChange(CONFIGURATION, changed);
		assertThat(classification.kind()).as(change + ": " + classification.reason()).isEqualTo(expected);
		if (expected == ChangeKind.RESTART) {
			assertThat(classification.reason())
				.isEqualTo("a @Bean method of demo.Sample changed (it runs only when the context starts)");
		}
	}

	@Test
	void enumConstantAddedIsRestart() throws Exception {
		assertThat(classifyChange("package demo; public enum Sample { A; }", "package demo; public enum Sample { A, B; }")
			.kind()).isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void recordComponentAddedIsRestart() throws Exception {
		assertThat(classifyChange("package demo; public record Sample(int a) { }",
				"package demo; public record Sample(int a, int b) { }")
			.kind()).isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void bodyStartingToConcatenateStringsOrUseAnotherClasssNestedTypeIsHotSwap() throws Exception {
		String before = "package demo; public class Sample { String x(String a) { return a; } }";
		assertThat(classifyChange(before,
				"package demo; public class Sample { String x(String a) { return a + \"!\"; } }")
			.kind()).isEqualTo(ChangeKind.HOTSWAP);
		assertThat(classifyChange(before,
				"package demo; public class Sample { String x(String a) { return java.util.Map.entry(a, 1).getKey(); } }")
			.kind()).isEqualTo(ChangeKind.HOTSWAP);
	}

	@Test
	void memberClassMadePrivateIsRestart() throws Exception {
		// The comments name the top-level class for the compile helper, which takes the last one.
		assertThat(classifyChange("package demo; public class Sample { static class Inner { } } // class Sample",
				"package demo; public class Sample { private static class Inner { } } // class Sample")
			.kind()).isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void configurerCallbackBodyIsRestartAndItsOtherMethodsHotSwap() throws Exception {
		String configurer = """
				package demo;

				public class Sample implements org.springframework.web.servlet.config.annotation.WebMvcConfigurer {

					@Override
					public void addViewControllers(org.springframework.web.servlet.config.annotation.ViewControllerRegistry registry) {
						registry.addViewController("/a").setViewName("a");
					}

					String helper() {
						return "a";
					}

				}
				""";
		Classification callback = classifyChange(configurer, configurer.replace("\"/a\"", "\"/b\""));
		assertThat(callback.kind()).isEqualTo(ChangeKind.RESTART);
		assertThat(callback.reason()).isEqualTo(
				"a @Bean method or configurer callback of demo.Sample changed (it runs only when the context starts)");
		assertThat(classifyChange(configurer, configurer.replace("return \"a\";", "return \"b\";")).kind())
			.isEqualTo(ChangeKind.HOTSWAP);
	}

	@Test
	void interfaceDefaultMethodBodyIsHotSwap() throws Exception {
		assertThat(classifyChange("package demo; public interface Sample { default int x() { return 1; } }",
				"package demo; public interface Sample { default int x() { return 2; } }")
			.kind()).isEqualTo(ChangeKind.HOTSWAP);
	}

	@Test
	void newClassDeletedClassAndOtherFilesAreRestartAndTheStrongestWins() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		ClassFingerprints fingerprints = new ClassFingerprints();
		ChangeClassifier classifier = new ChangeClassifier(fingerprints);
		Path added = Files.write(classes.resolve("New.class"), compile("package demo; public class New { }"));
		Path properties = Files.writeString(classes.resolve("application.properties"), "a=b");
		Classification addedClass = classifier.classify(List.of(new ChangedFile(classes, added, ChangedFile.Kind.ADDED)));
		assertThat(addedClass.kind()).isEqualTo(ChangeKind.RESTART);
		assertThat(addedClass.reason()).isEqualTo("New is new");
		assertThat(classifier.classify(List.of(new ChangedFile(classes, properties, ChangedFile.Kind.MODIFIED))).reason())
			.isEqualTo("application.properties changed");
		Path deleted = Files.write(classes.resolve("Gone.class"), compile("package demo; public class Gone { }"));
		fingerprints.recordAll(List.of(classes));
		Files.delete(deleted);
		assertThat(classifier.classify(List.of(new ChangedFile(classes, deleted, ChangedFile.Kind.DELETED))).kind())
			.isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void classDeletedThatTheServingGenerationNeverHadIsNoOp() throws Exception {
		// A new class whose generation failed to start was never applied: deleting it
		// leaves the class directories as the serving generation has them.
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		ChangeClassifier classifier = classifierOf(classes);
		Path broken = Files.write(classes.resolve("Broken.class"), compile("package demo; public class Broken { }"));
		assertThat(classifier.classify(List.of(new ChangedFile(classes, broken, ChangedFile.Kind.ADDED))).kind())
			.isEqualTo(ChangeKind.RESTART);
		Files.delete(broken);
		Classification deleted = classifier
			.classify(List.of(new ChangedFile(classes, broken, ChangedFile.Kind.DELETED)));
		assertThat(deleted.kind()).isEqualTo(ChangeKind.NO_OP);
		assertThat(deleted.reason()).isEqualTo("nothing changed");
	}

	@Test
	void setMixingBodyAndStructuralChangesIsRestartAndAppliedChangesBecomeTheBaseline() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path a = classes.resolve("A.class");
		Path b = classes.resolve("B.class");
		Files.write(a, compile("package demo; public class A { int x() { return 1; } }"));
		Files.write(b, compile("package demo; public class B { int y() { return 1; } }"));
		ClassFingerprints fingerprints = new ClassFingerprints();
		fingerprints.recordAll(List.of(classes));
		ChangeClassifier classifier = new ChangeClassifier(fingerprints);
		Files.write(a, compile("package demo; public class A { int x() { return 2; } }"));
		Files.write(b, compile("package demo; public class B { int y() { return 1; } int z; }"));
		List<ChangedFile> both = List.of(new ChangedFile(classes, a, ChangedFile.Kind.MODIFIED),
				new ChangedFile(classes, b, ChangedFile.Kind.MODIFIED));
		Classification classification = classifier.classify(both);
		assertThat(classification.kind()).isEqualTo(ChangeKind.RESTART);
		assertThat(classification.reason()).isEqualTo("the structure of B changed");
		assertThat(classification.classes()).extracting(ClassChange::className).containsExactly("A", "B");
		classifier.applied(both);
		assertThat(classifier.classify(both).kind()).isEqualTo(ChangeKind.NO_OP);
	}

	@Test
	void resourceWrittenAgainWithTheSameBytesIsNoOpWhateverTheEvent() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path properties = Files.writeString(classes.resolve("application.properties"), "greeting=hello\n");
		Path schema = Files.writeString(Files.createDirectories(classes.resolve("db/h2")).resolve("schema.sql"),
				"create table owner (id int);\n");
		Path unchangedClass = Files.write(classes.resolve("A.class"), compile("package demo; public class A { }"));
		ChangeClassifier classifier = classifierOf(classes);
		// What a build's resource copy does: the same bytes, a new modification time.
		Files.writeString(properties, "greeting=hello\n");
		Files.setLastModifiedTime(schema, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
		Classification classification = classifier.classify(List.of(
				new ChangedFile(classes, properties, ChangedFile.Kind.MODIFIED),
				new ChangedFile(classes, schema, ChangedFile.Kind.ADDED),
				new ChangedFile(classes, unchangedClass, ChangedFile.Kind.MODIFIED)));
		assertThat(classification.kind()).isEqualTo(ChangeKind.NO_OP);
		assertThat(classification.reason()).isEqualTo("nothing changed");
		assertThat(classification.classes()).isEmpty();
		// What the tiers that look at files apply: unchanged class files stay, they matter
		// to the bean tier.
		assertThat(classification.files()).extracting(ChangedFile::path).containsExactly(unchangedClass);
	}

	@Test
	void resourceWithOtherBytesIsRestartAndOnlyAnAppliedOneBecomesTheBaseline() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path properties = Files.writeString(classes.resolve("application.properties"), "greeting=hello\n");
		ChangeClassifier classifier = classifierOf(classes);
		List<ChangedFile> changed = List.of(new ChangedFile(classes, properties, ChangedFile.Kind.MODIFIED));
		Files.writeString(properties, "greeting=hi\n");
		Classification classification = classifier.classify(changed);
		assertThat(classification.kind()).isEqualTo(ChangeKind.RESTART);
		assertThat(classification.reason()).isEqualTo("application.properties changed");
		// A restart that failed learns nothing: the file still differs from what serves.
		assertThat(classifier.classify(changed).kind()).isEqualTo(ChangeKind.RESTART);
		classifier.applied(changed);
		assertThat(classifier.classify(changed).kind()).isEqualTo(ChangeKind.NO_OP);
		Files.writeString(properties, "greeting=hello\n");
		assertThat(classifier.classify(changed).kind()).isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void appliedResourceIsLearntAsItWasWhenClassifiedNotAsWrittenSince() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path properties = Files.writeString(classes.resolve("application.properties"), "greeting=hello\n");
		ChangeClassifier classifier = classifierOf(classes);
		List<ChangedFile> changed = List.of(new ChangedFile(classes, properties, ChangedFile.Kind.MODIFIED));
		Files.writeString(properties, "greeting=hi\n");
		assertThat(classifier.classify(changed).kind()).isEqualTo(ChangeKind.RESTART);
		// Written while the new generation started: it may not have read these bytes.
		Files.writeString(properties, "greeting=hey\n");
		classifier.applied(changed);
		assertThat(classifier.classify(changed).kind()).isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void newDeletedAndLargeResourcesAlwaysCount() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path messages = Files.writeString(classes.resolve("messages.properties"), "a=b\n");
		Path large = Files.write(classes.resolve("data.bin"), new byte[(int) ResourceFingerprints.MAX_SIZE + 1]);
		ChangeClassifier classifier = classifierOf(classes);
		Path added = Files.writeString(classes.resolve("extra.properties"), "x=y\n");
		Files.delete(messages);
		assertThat(classifier.classify(List.of(new ChangedFile(classes, added, ChangedFile.Kind.ADDED))).reason())
			.isEqualTo("extra.properties changed");
		Classification deleted = classifier
			.classify(List.of(new ChangedFile(classes, messages, ChangedFile.Kind.DELETED)));
		assertThat(deleted.kind()).isEqualTo(ChangeKind.RESTART);
		assertThat(deleted.reason()).isEqualTo("messages.properties was deleted");
		assertThat(classifier.classify(List.of(new ChangedFile(classes, large, ChangedFile.Kind.MODIFIED))).kind())
			.isEqualTo(ChangeKind.RESTART);
	}

	@Test
	void ignoredResourcesAreNotRecorded() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		Path css = Files.writeString(Files.createDirectories(classes.resolve("static")).resolve("app.css"), "a {}");
		ResourceFingerprints resources = new ResourceFingerprints((name) -> name.startsWith("static/"));
		resources.recordAll(List.of(classes));
		assertThat(resources.isUnchanged(css)).isFalse();
	}

	private ChangeClassifier classifierOf(Path classes) {
		ChangeClassifier classifier = new ChangeClassifier(new ClassFingerprints(), new ResourceFingerprints());
		classifier.recordAll(List.of(classes));
		return classifier;
	}

	private Classification classifyChange(String before, String after) throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes-" + System.nanoTime()));
		Path file = classes.resolve("demo/Sample.class");
		Files.createDirectories(file.getParent());
		Files.write(file, compile(before));
		ClassFingerprints fingerprints = new ClassFingerprints();
		fingerprints.recordAll(List.of(classes));
		Files.write(file, compile(after));
		return new ChangeClassifier(fingerprints)
			.classify(List.of(new ChangedFile(classes, file, ChangedFile.Kind.MODIFIED)));
	}

	private byte[] compile(String source) throws Exception {
		String simpleName = source.replaceAll("(?s).*(?:class|enum|record|interface) (\\w+).*", "$1");
		SourceProject project = new SourceProject(this.temp.resolve("out-" + System.nanoTime()));
		project.source("demo." + simpleName, source).compileAll();
		return Files.readAllBytes(project.classFile("demo." + simpleName));
	}

}
