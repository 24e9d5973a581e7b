package dev.reloadhook.source;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The source and resource directories that a class directory is built from, found from
 * the Maven layout ({@code <project>/target/classes} is built from
 * {@code <project>/src/main/java} and {@code <project>/src/main/resources}).
 *
 * @param classes the class directory
 * @param java the Java source directory
 * @param resources the resource directory, {@code null} if there is none
 * @author reload-hook
 */
public record SourceRoots(Path classes, Path java, @Nullable Path resources) {

	/**
	 * Find the source roots of a class directory.
	 * @param classes the class directory
	 * @return the roots, or {@code null} if the layout is not recognized
	 */
	public static @Nullable SourceRoots of(Path classes) {
		Path target = classes.getParent();
		if (!classes.endsWith("classes") || target == null || !target.endsWith("target") || target.getParent() == null) {
			return null;
		}
		Path main = target.getParent().resolve("src").resolve("main");
		Path java = main.resolve("java");
		if (!Files.isDirectory(java)) {
			return null;
		}
		Path resources = main.resolve("resources");
		return new SourceRoots(classes, java, Files.isDirectory(resources) ? resources : null);
	}

}
