package dev.reloadhook.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GradleProjects}, on Gradle layouts made in a temporary directory (no
 * Gradle run).
 */
class GradleProjectsTests {

	@TempDir
	Path temp;

	@Test
	void projectOfAMultiProjectBuildIsFoundFromItsJar() throws IOException {
		Path build = this.temp.resolve("build-root");
		Files.createDirectories(build);
		Files.writeString(build.resolve("settings.gradle.kts"), """
				rootProject.name = "shop"
				// include("commented-out")
				include("app", ":libs:api")
				includeBuild("../tools")
				""");
		Path api = project(build.resolve("libs/api"), true);
		Path jar = jar(api, "api-plain.jar");

		assertThat(GradleProjects.outputsOf(jar)).containsExactly(api.resolve("build/classes/java/main"),
				api.resolve("build/resources/main"));
		assertThat(GradleProjects.includedProjects(build.resolve("settings.gradle.kts")))
			.containsExactly(build.resolve("app"), build.resolve("libs/api"));
	}

	@Test
	void projectsOfAnIncludedBuildAreFoundFromTheirJars() throws IOException {
		// A composite build: the application's build includes ../shared, which is a build of
		// its own (Groovy settings) with a root project and one subproject.
		Path shared = Files.createDirectories(this.temp.resolve("shared"));
		Files.writeString(shared.resolve("settings.gradle"), """
				rootProject.name = 'shared'
				include 'model', 'util' /* 'ignored' */
				""");
		Path model = project(shared.resolve("model"), false);
		project(shared, true);

		assertThat(GradleProjects.outputsOf(jar(model, "model.jar")))
			.containsExactly(model.resolve("build/classes/java/main"));
		assertThat(GradleProjects.outputsOf(jar(shared, "shared.jar"))).hasSize(2);
	}

	@Test
	void otherJarsAreLeftAsTheyAre() throws IOException {
		Path build = Files.createDirectories(this.temp.resolve("build-root"));
		Files.writeString(build.resolve("settings.gradle"), "include 'app'\n");
		// Not included by the settings above it.
		Path stray = project(build.resolve("stray"), true);
		// Included, but without sources beside its classes.
		Path app = build.resolve("app");
		Files.createDirectories(app.resolve("build/classes/java/main"));
		Path library = Files.createDirectories(this.temp.resolve("repository/lib/1.0")).resolve("lib-1.0.jar");
		Files.writeString(library, "");

		assertThat(GradleProjects.outputsOf(jar(stray, "stray.jar"))).isEmpty();
		assertThat(GradleProjects.outputsOf(jar(app, "app.jar"))).isEmpty();
		assertThat(GradleProjects.outputsOf(library)).isEmpty();
	}

	private static Path project(Path directory, boolean resources) throws IOException {
		Files.createDirectories(directory.resolve("src/main/java"));
		Files.createDirectories(directory.resolve("build/classes/java/main"));
		if (resources) {
			Files.createDirectories(directory.resolve("build/resources/main"));
		}
		return directory;
	}

	private static Path jar(Path project, String name) throws IOException {
		Path jar = Files.createDirectories(project.resolve("build/libs")).resolve(name);
		Files.writeString(jar, "");
		return jar;
	}

}
