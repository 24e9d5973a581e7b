package dev.reloadhook.compile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.reloadhook.watch.ChangedFile;

/**
 * What source mode did with one burst of saves: the saved files, and either the class
 * directory files it wrote (as one change set) or the compile errors.
 *
 * @param saved the saved source and resource files
 * @param written the files written to or deleted from the class directories (class files
 * compiled with the same bytes as before included, so that the reload can tell they did
 * not change); empty after errors
 * @param firstSave when the first save was seen
 * @param detected when the saves had settled and compiling began
 * @param compilation how long compiling took, {@link Duration#ZERO} when nothing was
 * compiled
 * @param errors the compile errors, each as {@code file:line: message}; empty on success
 * @author reload-hook
 */
public record SourceChange(List<ChangedFile> saved, List<ChangedFile> written, Instant firstSave, Instant detected,
		Duration compilation, List<String> errors) {

	/**
	 * Create a change.
	 * @param saved the saved files
	 * @param written the class directory files written
	 * @param firstSave when the first save was seen
	 * @param detected when compiling began
	 * @param compilation the compile time
	 * @param errors the compile errors
	 */
	public SourceChange {
		saved = List.copyOf(saved);
		written = List.copyOf(written);
		errors = List.copyOf(errors);
	}

}
