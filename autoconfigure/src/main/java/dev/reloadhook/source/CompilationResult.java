package dev.reloadhook.source;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one compilation.
 *
 * @param sources how many source files were compiled
 * @param errors the errors, each as {@code file:line: message}; empty on success
 * @param duration how long it took
 * @author reload-hook
 */
public record CompilationResult(int sources, List<String> errors, Duration duration) {

	/**
	 * Create a result.
	 * @param sources the source count
	 * @param errors the errors
	 * @param duration the time taken
	 */
	public CompilationResult {
		errors = List.copyOf(errors);
	}

}
