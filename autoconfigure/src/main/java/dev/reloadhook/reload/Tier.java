package dev.reloadhook.reload;

/**
 * One way of applying a change set to the running application: hot swap, bean
 * replacement or a generation restart. The coordinator chooses which tier runs; a tier
 * only applies, and says how it went.
 *
 * @author reload-hook
 */
public interface Tier {

	/**
	 * Apply the change set of a reload.
	 * @param reload the reload in progress: its trigger, and where the tier notes its
	 * phases
	 * @param selection the tier chosen and the changed classes
	 * @return how it went
	 */
	TierResult apply(ReloadInProgress reload, TierSelection selection);

	/**
	 * Return whether this tier should try a change set before the tier chosen from the
	 * changes (the bean tier does, for structural changes it may replace in place).
	 * @param selection the tier chosen from the changes
	 * @return whether to try this tier first
	 */
	default boolean wants(TierSelection selection) {
		return true;
	}

}
