package dev.reloadhook.reload;

/**
 * How a reload is carried out.
 *
 * @author reload-hook
 */
public enum ReloadTier {

	/** Nothing changed that the serving generation uses: nothing was done. */
	NO_OP,

	/** Only method bodies changed: the classes were redefined in place. */
	HOTSWAP,

	/**
	 * Only leaf controllers and new leaf components changed: their new class versions were
	 * defined in a child class loader of the serving generation and their beans replaced
	 * in its running context.
	 */
	BEAN,

	/**
	 * A new generation (class loader and application context) is started beside the
	 * running one, then traffic switches to it and the old one is closed.
	 */
	RESTART

}
