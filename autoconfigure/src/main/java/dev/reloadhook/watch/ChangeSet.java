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

	/**
	 * Return whether nothing changed.
	 * @return whether there are no files
	 */
	public boolean isEmpty() {
		return this.files.isEmpty();
	}

	/**
	 * Return whether every change is a deletion: compilers often delete class files first
	 * and write the new ones much later.
	 * @return whether all files were deleted
	 */
	public boolean isOnlyDeletions() {
		return !this.files.isEmpty() && this.files.stream().allMatch((file) -> file.kind() == ChangedFile.Kind.DELETED);
	}

}
