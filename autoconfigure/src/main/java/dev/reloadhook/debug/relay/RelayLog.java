package dev.reloadhook.debug.relay;

/**
 * Where the relay reports what the user should know; the application logs it.
 *
 * @author reload-hook
 */
interface RelayLog {

	void info(String message);

	void warn(String message);

}
