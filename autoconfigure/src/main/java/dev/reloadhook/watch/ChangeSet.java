package dev.reloadhook.watch;

import java.time.Instant;
import java.util.List;

/**
 * The files that changed in one burst of writes, after the quiet period.
 *
 * @param files the changed files, at most one entry per file
 * @param firstChange when the first change of the burst was seen
 * @param lastChange when the last change of the burst was seen
 * @author reload-hook
 */
public record ChangeSet(List<ChangedFile> files, Instant firstChange, Instant lastChange) {

	/**
	 * Create a change set.
	 * @param files the changed files
	 * @param firstChange when the first change was seen
	 * @param lastChange when the last change was seen
	 */
	public ChangeSet {
		files = List.copyOf(files);
	}

}
