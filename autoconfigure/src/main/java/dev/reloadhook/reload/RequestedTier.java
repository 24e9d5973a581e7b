package dev.reloadhook.reload;

/**
 * The tier a trigger asks for, weakest first: when two triggers merge, the stronger
 * request wins.
 *
 * @author reload-hook
 */
public enum RequestedTier {

	/**
	 * No tier asked for: it is chosen from the changes.
	 */
	FROM_CHANGES,

	/**
	 * A hot swap of the class files that differ from those the serving generation runs;
	 * it fails rather than restart when they cannot be hot swapped.
	 */
	HOTSWAP,

	/**
	 * A generation restart.
	 */
	RESTART

}
