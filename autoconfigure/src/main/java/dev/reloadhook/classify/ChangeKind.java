package dev.reloadhook.classify;

/**
 * How strongly a change must be applied, from weakest to strongest. A change set takes
 * the strongest kind of its files.
 *
 * @author reload-hook
 */
public enum ChangeKind {

	/** Same bytes as the serving generation's: nothing to do. */
	NO_OP,

	/** Only method bodies changed: redefine the classes in place. */
	HOTSWAP,

	/** Anything else: start a new generation. */
	RESTART

}
