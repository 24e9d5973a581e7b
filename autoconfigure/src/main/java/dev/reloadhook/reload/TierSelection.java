package dev.reloadhook.reload;

import java.util.List;

import dev.reloadhook.classify.ClassChange;

/**
 * The tier chosen for a reload, why, and the classes it applies.
 *
 * @param tier the tier
 * @param reason why this tier
 * @param classes the changed classes
 * @param structural whether the classes changed in structure (not only in method bodies)
 * @author reload-hook
 */
public record TierSelection(ReloadTier tier, String reason, List<ClassChange> classes, boolean structural) {

	/**
	 * Create a selection of a change that is not structural.
	 * @param tier the tier
	 * @param reason why this tier
	 * @param classes the changed classes
	 */
	public TierSelection(ReloadTier tier, String reason, List<ClassChange> classes) {
		this(tier, reason, classes, false);
	}

	/**
	 * Return the names of the changed classes.
	 * @return the class names
	 */
	public List<String> classNames() {
		return this.classes.stream().map(ClassChange::className).toList();
	}

}
