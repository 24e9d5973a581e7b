package dev.reloadhook.compile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One compilation of saved sources into a staging directory: the sources compiled (the
 * saved ones and those depending on classes that changed shape), the class files written,
 * or the errors.
 *
 * @param sources the source files compiled
 * @param staging the staging directory holding the class files, {@code null} after errors
 * @param classFiles the class files written, relative to the staging directory (e.g.
 * {@code com/example/Foo.class})
 * @param errors the errors, each as {@code file:line: message}; empty on success
 * @param duration how long it took
 * @author reload-hook
 */
public record Compilation(List<Path> sources, @Nullable Path staging, List<String> classFiles, List<String> errors,
		Duration duration) {

	/**
	 * Create a compilation.
	 * @param sources the sources compiled
	 * @param staging the staging directory
	 * @param classFiles the class files written
	 * @param errors the errors
	 * @param duration the time taken
	 */
	public Compilation {
		sources = List.copyOf(sources);
		classFiles = List.copyOf(classFiles);
		errors = List.copyOf(errors);
	}

	/**
	 * Return whether it succeeded.
	 * @return whether there are no errors
	 */
	public boolean succeeded() {
		return this.errors.isEmpty();
	}

}
