package dev.reloadhook.bytecode;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClassReferences}, over classes compiled with {@code javax.tools}.
 */
class ClassReferencesTests {

	@TempDir
	Path temp;

	@Test
	void findsClassesNamedAnywhereInTheConstantPool() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("demo.Used", "package demo; public class Used { public static int VALUE = 1; }");
		project.source("demo.InSignature", "package demo; public class InSignature { }");
		project.source("demo.InGeneric", "package demo; public class InGeneric { }");
		project.source("demo.InAnnotation", "package demo; public class InAnnotation { }");
		project.source("demo.Unrelated", "package demo; public class Unrelated { }");
		project.source("demo.User", """
				package demo;

				@SuppressWarnings("unused")
				@org.springframework.context.annotation.Import(InAnnotation.class)
				public class User {

					private java.util.List<InGeneric> generic;

					public InSignature signature() {
						return null;
					}

					public int body() {
						return Used.VALUE;
					}

					public String name() {
						return "demo.ByName";
					}

				}
				""");
		project.compileAll();
		byte[] user = Files.readAllBytes(project.classFile("demo.User"));
		assertThat(ClassReferences.of(user)).contains("demo/User", "demo/Used", "demo/InSignature", "demo/InGeneric",
				"demo/InAnnotation", "demo/ByName", "java/util/List")
			.doesNotContain("demo/Unrelated");
		assertThat(ClassReferences.members(user))
			.contains(new ClassReferences.Member("demo/Used", "VALUE", "I", true));
	}

	@Test
	void findsClassesInArrayAndMethodDescriptorsAndSkipsTheSecondSlotOfLongConstants() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("demo.Element", "package demo; public class Element { }");
		project.source("demo.Parameter", "package demo; public class Parameter { }");
		project.source("demo.Result", "package demo; public class Result { }");
		project.source("demo.Thrown", "package demo; public class Thrown extends Exception { }");
		project.source("demo.User", """
				package demo;

				public abstract class User {

					private Element[][] elements;

					abstract Result call(Parameter parameter, long big) throws Thrown;

					long offset() {
						return System.nanoTime() + 123456789012L + Double.doubleToLongBits(2.5e300);
					}

				}
				""");
		project.compileAll();
		assertThat(ClassReferences.of(Files.readAllBytes(project.classFile("demo.User")))).contains("demo/Element",
				"demo/Parameter", "demo/Result", "demo/Thrown", "java/lang/System", "java/lang/Double");
	}

	@Test
	void membersAreTheFieldsMethodsAndConstructorsUsedWithTheirOwners() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("demo.Counter", """
				package demo;

				public class Counter implements Runnable {

					public int count;

					public void run() {
					}

				}
				""");
		project.source("demo.User", """
				package demo;

				public class User {

					int use() {
						Counter counter = new Counter();
						Runnable runnable = counter;
						runnable.run();
						counter.run();
						return counter.count;
					}

				}
				""");
		project.compileAll();
		assertThat(ClassReferences.members(Files.readAllBytes(project.classFile("demo.User")))).contains(
				new ClassReferences.Member("demo/Counter", "<init>", "()V", false),
				new ClassReferences.Member("java/lang/Runnable", "run", "()V", false),
				new ClassReferences.Member("demo/Counter", "run", "()V", false),
				new ClassReferences.Member("demo/Counter", "count", "I", true),
				// Its own constructor calls its superclass's.
				new ClassReferences.Member("java/lang/Object", "<init>", "()V", false));
	}

}
