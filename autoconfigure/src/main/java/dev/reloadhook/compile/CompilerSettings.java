package dev.reloadhook.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The javac options the project's build compiles with, so that a class compiled on save
 * has the same bytes as the build's: debug information, {@code -parameters}, the release,
 * the encoding, the annotation processors and their options. Read once at start.
 *
 * @param options the javac options, without output, class path and source path
 * @param processorPath the annotation processor path, empty to find processors on the
 * class path
 * @param release the release the build compiles for, {@code null} when the build does
 * not say
 * @param origin where the settings come from, for the log
 * @author reload-hook
 */
public record CompilerSettings(List<String> options, List<Path> processorPath, @Nullable String release,
		String origin) {

	/**
	 * Create settings.
	 * @param options the javac options
	 * @param processorPath the processor path
	 * @param release the release
	 * @param origin where they come from
	 */
	public CompilerSettings {
		options = List.copyOf(options);
		processorPath = List.copyOf(processorPath);
	}

	/**
	 * Read the settings of the project a class directory belongs to: its {@code pom.xml}'s
	 * effective {@code maven-compiler-plugin} configuration, or Gradle's defaults as the
	 * Spring Boot plugin sets them ({@code -g}, {@code -parameters}).
	 * @param roots the project's directories
	 * @return the settings
	 */
	public static CompilerSettings of(SourceRoots roots) {
		Path pom = roots.project().resolve("pom.xml");
		if (!roots.isGradle() && Files.isRegularFile(pom)) {
			return MavenCompilerSettings.read(pom, MavenCompilerSettings.localRepository());
		}
		return defaults(roots.isGradle() ? "Gradle's defaults" : "defaults");
	}

	static CompilerSettings defaults(String origin) {
		List<String> options = new ArrayList<>(List.of("-g", "-parameters", "-encoding", "UTF-8"));
		addFullProcessing(options);
		return new CompilerSettings(options, List.of(), null, origin);
	}

	/**
	 * From JDK 23, javac runs processors found on the class path only when asked to.
	 * @param options the options so far
	 */
	static void addFullProcessing(List<String> options) {
		if (Runtime.version().feature() >= 23 && options.stream().noneMatch((option) -> option.startsWith("-proc:"))) {
			options.add("-proc:full");
		}
	}

}
