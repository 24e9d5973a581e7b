package dev.reloadhook.compile;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The source and resource directories that a class directory is built from, found from
 * the build's layout: Maven's ({@code <project>/target/classes} is built from
 * {@code <project>/src/main/java} and {@code <project>/src/main/resources}) or Gradle's
 * ({@code <project>/build/classes/java/main} from {@code src/main/java}, and
 * {@code build/resources/main} from {@code src/main/resources}).
 *
 * @param project the project directory (where its {@code pom.xml} or Gradle build is)
 * @param classes the class directory
 * @param java the Java source directory
 * @param resources the resource directory, {@code null} if there is none
 * @param resourceOutput where the build copies resources to
 * @author reload-hook
 */
public record SourceRoots(Path project, Path classes, Path java, @Nullable Path resources, Path resourceOutput) {

	/**
	 * Find the source roots of a class directory.
	 * @param classes the class directory
	 * @return the roots, or {@code null} if the layout is not recognized or the project has
	 * no Java sources
	 */
	public static @Nullable SourceRoots of(Path classes) {
		Path project = mavenProject(classes);
		Path resourceOutput = classes;
		if (project == null) {
			project = gradleProject(classes);
			if (project == null) {
				return null;
			}
			resourceOutput = project.resolve("build/resources/main");
		}
		Path main = project.resolve("src").resolve("main");
		Path java = main.resolve("java");
		if (!Files.isDirectory(java)) {
			return null;
		}
		Path resources = main.resolve("resources");
		return new SourceRoots(project, classes, java, Files.isDirectory(resources) ? resources : null,
				resourceOutput);
	}

	private static @Nullable Path mavenProject(Path classes) {
		Path target = classes.getParent();
		if (!classes.endsWith("classes") || target == null || !target.endsWith("target")) {
			return null;
		}
		return target.getParent();
	}

	private static @Nullable Path gradleProject(Path classes) {
		if (!classes.endsWith(Path.of("build", "classes", "java", "main"))) {
			return null;
		}
		return classes.getParent().getParent().getParent().getParent();
	}

	/**
	 * Return whether this is a Gradle project's layout.
	 * @return whether resources are copied to a directory of their own
	 */
	public boolean isGradle() {
		return !this.resourceOutput.equals(this.classes);
	}

}
