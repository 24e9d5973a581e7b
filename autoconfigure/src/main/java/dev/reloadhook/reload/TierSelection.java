package dev.reloadhook.reload;

import java.util.List;

import dev.reloadhook.classify.ClassChange;
import dev.reloadhook.watch.ChangedFile;

/**
 * The tier chosen for a reload, why, and the classes it applies.
 *
 * @param tier the tier
 * @param reason why this tier
 * @param classes the changed classes
 * @param structural whether the classes changed in structure (not only in method bodies)
 * @param files the files a tier that looks at files applies: the change set without the
 * resources a build wrote again unchanged
 * @author reload-hook
 */
public record TierSelection(ReloadTier tier, String reason, List<ClassChange> classes, boolean structural,
		List<ChangedFile> files) {

	/**
	 * Create a selection.
	 * @param tier the tier
	 * @param reason why this tier
	 * @param classes the changed classes
	 * @param structural whether the classes changed in structure
	 * @param files the files to apply
	 */
	public TierSelection {
		classes = List.copyOf(classes);
		files = List.copyOf(files);
	}

	/**
	 * Create a selection of a change that is not structural and names no files.
	 * @param tier the tier
	 * @param reason why this tier
	 * @param classes the changed classes
	 */
	public TierSelection(ReloadTier tier, String reason, List<ClassChange> classes) {
		this(tier, reason, classes, false, List.of());
	}

	/**
	 * Return the names of the changed classes.
	 * @return the class names
	 */
	public List<String> classNames() {
		return this.classes.stream().map(ClassChange::className).toList();
	}

}
