package dev.reloadhook.debug.relay;

/**
 * Thrown when a command of the relay's own fails: a JDWP error, or the connection ended.
 *
 * @author reload-hook
 */
final class JdwpException extends Exception {

	JdwpException(String message) {
		super(message);
	}

}
