package dev.reloadhook.reload;

import dev.reloadhook.config.ReloadHookProperties;

/**
 * The settings of the newest generation that started, read by the coordinator and the
 * tiers at the moment they need them.
 *
 * @author reload-hook
 */
public final class ReloadSettings {

	private volatile ReloadHookProperties properties;

	/**
	 * Create the settings.
	 * @param properties the settings bound at start
	 */
	public ReloadSettings(ReloadHookProperties properties) {
		this.properties = properties;
	}

	/**
	 * Return the current settings.
	 * @return the settings
	 */
	public ReloadHookProperties get() {
		return this.properties;
	}

	/**
	 * Replace the settings.
	 * @param properties the settings of a newly started generation
	 */
	public void set(ReloadHookProperties properties) {
		this.properties = properties;
	}

}
