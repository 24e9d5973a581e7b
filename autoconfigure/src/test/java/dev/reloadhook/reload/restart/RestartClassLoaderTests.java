package dev.reloadhook.reload.restart;

import java.nio.file.Path;

import dev.reloadhook.reload.warm.MissingClasses;
import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RestartClassLoader}.
 */
class RestartClassLoaderTests {

	@TempDir
	Path temp;

	@Test
	void loadsClassesOfItsDirectoriesItselfEvenWhenTheParentHasThem() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("demo.Sample", "package demo; public class Sample { }").compileAll();
		ClassDirectories directories = ClassDirectories.fromClassPath(project.classes().toString());
		try (java.net.URLClassLoader parent = new java.net.URLClassLoader(directories.urls(), getClass().getClassLoader());
				RestartClassLoader first = new RestartClassLoader(1, directories.urls(), parent);
				RestartClassLoader second = new RestartClassLoader(2, directories.urls(), parent)) {
			Class<?> fromFirst = first.loadClass("demo.Sample");
			Class<?> fromSecond = second.loadClass("demo.Sample");
			assertThat(fromFirst.getClassLoader()).isSameAs(first);
			assertThat(fromSecond.getClassLoader()).isSameAs(second);
			assertThat(fromFirst).isNotSameAs(parent.loadClass("demo.Sample"));
			assertThat(first.loadClass("org.springframework.util.Assert").getClassLoader())
				.isSameAs(org.springframework.util.Assert.class.getClassLoader());
			assertThat(RestartClassLoader.generationOf(second)).isEqualTo(2);
			assertThat(RestartClassLoader.generationOf(parent)).isZero();
			assertThat(first.getResource("demo/Sample.class")).isNotNull();
			assertThat(java.util.Collections.list(first.getResources("demo/Sample.class"))).hasSize(1);
		}
	}

	@Test
	void classDirectoriesLeaveOutJarsAndReloadHookItself() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		Path own = Path.of(RestartClassLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		String classPath = String.join(java.io.File.pathSeparator, project.classes().toString(), own.toString(),
				this.temp.resolve("missing.jar").toString());
		assertThat(ClassDirectories.fromClassPath(classPath).paths()).containsExactly(project.classes());
	}

	@Test
	void findsAClassAChildDefinedWhenNoClassFileOrParentHasIt() throws Exception {
		try (RestartClassLoader classLoader = new RestartClassLoader(1, new java.net.URL[0],
				getClass().getClassLoader())) {
			classLoader.addChildDefinitions((name) -> "demo.Defined".equals(name) ? Runnable.class : null);
			assertThat(classLoader.loadClass("demo.Defined")).isSameAs(Runnable.class);
			assertThat(classLoader.loadClass("java.lang.String")).isSameAs(String.class);
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> classLoader.loadClass("demo.Missing"));
		}
	}

	@Test
	void remembersClassesTheParentLacksButStillFindsNewClassFilesOfItsOwn() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		ClassDirectories directories = ClassDirectories.fromClassPath(project.classes().toString());
		MissingClasses missing = new MissingClasses();
		try (RestartClassLoader first = new RestartClassLoader(1, directories.urls(), getClass().getClassLoader(),
				missing)) {
			assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> first.loadClass("demo.Added"));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> first.loadClass("demo.Added$$SpringCGLIB$$0"));
		}
		// Shared with the next generation: a miss of the libraries stays a miss, a
		// generated class's name (which can be defined later) is not remembered.
		assertThat(missing.isMissing("demo.Added")).isTrue();
		assertThat(missing.isMissing("demo.Added$$SpringCGLIB$$0")).isFalse();
		project.source("demo.Added", "package demo; public class Added { }").compileAll();
		try (RestartClassLoader second = new RestartClassLoader(2, directories.urls(), getClass().getClassLoader(),
				missing)) {
			assertThat(second.loadClass("demo.Added").getClassLoader()).isSameAs(second);
			assertThat(second.hasOwnResource("demo/Added.class")).isTrue();
			assertThat(second.hasOwnResource("org/springframework/util/Assert.class")).isFalse();
		}
	}

}
