package dev.reloadhook.reload;

/**
 * How a reload is carried out.
 *
 * @author reload-hook
 */
public enum ReloadTier {

	/**
	 * A new generation (class loader and application context) is started beside the
	 * running one, then traffic switches to it and the old one is closed.
	 */
	RESTART

}
