package dev.reloadhook.debug.jdwp;

/**
 * Thrown when a command of the relay's own fails: a JDWP error, or the connection ended.
 *
 * @author reload-hook
 */
public final class JdwpException extends Exception {

	/**
	 * Create an exception.
	 * @param message why the command failed
	 */
	public JdwpException(String message) {
		super(message);
	}

}
