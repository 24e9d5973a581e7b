package dev.reloadhook.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The projects of Gradle builds whose jars are on the class path. Gradle's {@code bootRun}
 * puts another project of a multi-project build, or a project of an included build
 * ({@code includeBuild} of a composite build), on the class path as the jar it built
 * ({@code <project>/build/libs/*.jar}); the same classes and resources are in the
 * project's {@code build/classes/java/main} and {@code build/resources/main}, which source
 * mode keeps up to date and which each generation loads instead of the jar. A jar counts
 * when its project has sources and is part of a Gradle build: the nearest settings file
 * ({@code settings.gradle} or {@code settings.gradle.kts}) above it includes it, or the
 * project is a build's root itself (as an included build is).
 *
 * @author reload-hook
 */
public final class GradleProjects {

	private static final List<String> SETTINGS_FILES = List.of("settings.gradle", "settings.gradle.kts");

	private static final List<String> BUILD_FILES = List.of("build.gradle", "build.gradle.kts");

	/** {@code include 'a', ':b:c'} (Groovy) or {@code include("a", ":b:c")} (Kotlin), not {@code includeBuild}. */
	private static final Pattern INCLUDE = Pattern.compile("\\binclude\\s*\\(?((?:\\s*['\"][^'\"]+['\"]\\s*,?)+)");

	private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");

	private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

	private GradleProjects() {
	}

	/**
	 * Return the class and resource directories a jar on the class path was built from,
	 * when it is a jar of a Gradle project with sources.
	 * @param jar a jar on the class path
	 * @return the project's {@code build/classes/java/main} and, if it exists,
	 * {@code build/resources/main}; empty for any other jar
	 */
	public static List<Path> outputsOf(Path jar) {
		Path libs = jar.getParent();
		if (!jar.toString().endsWith(".jar") || libs == null || !libs.endsWith(Path.of("build", "libs"))) {
			return List.of();
		}
		Path project = libs.getParent().getParent();
		if (project == null) {
			return List.of();
		}
		Path classes = project.resolve("build/classes/java/main");
		if (!Files.isDirectory(classes) || !Files.isDirectory(project.resolve("src/main/java"))
				|| !isPartOfABuild(project)) {
			return List.of();
		}
		Path resources = project.resolve("build/resources/main");
		return Files.isDirectory(resources) ? List.of(classes, resources) : List.of(classes);
	}

	private static boolean isPartOfABuild(Path project) {
		for (Path directory = project; directory != null; directory = directory.getParent()) {
			Path settings = settingsFile(directory);
			if (settings != null) {
				return directory.equals(project) || includedProjects(settings).contains(project);
			}
		}
		// A build without a settings file is one project: its root.
		return BUILD_FILES.stream().anyMatch((name) -> Files.isRegularFile(project.resolve(name)));
	}

	private static @Nullable Path settingsFile(Path directory) {
		return SETTINGS_FILES.stream()
			.map(directory::resolve)
			.filter(Files::isRegularFile)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Return the directories of the projects a settings file includes, by Gradle's default
	 * ({@code :b:c} is {@code b/c} below the settings file's directory).
	 * @param settings the settings file
	 * @return the project directories, empty when the file cannot be read
	 */
	static Set<Path> includedProjects(Path settings) {
		Set<Path> projects = new LinkedHashSet<>();
		String text;
		try {
			text = COMMENT.matcher(Files.readString(settings)).replaceAll("");
		}
		catch (IOException ex) {
			return projects;
		}
		Path root = settings.getParent();
		Matcher include = INCLUDE.matcher(text);
		while (include.find()) {
			Matcher name = QUOTED.matcher(include.group(1));
			while (name.find()) {
				String path = name.group(1).replaceFirst("^:", "").replace(':', '/');
				projects.add(root.resolve(path).normalize());
			}
		}
		return projects;
	}

}
