package dev.reloadhook.reload.bean;

/**
 * Thrown when a change set cannot be applied by the bean tier; the message says why, for
 * the reload record (a restart applies it instead).
 *
 * @author reload-hook
 */
public class NotReplaceableException extends Exception {

	/**
	 * Create an exception.
	 * @param reason why the bean tier does not apply, in a few words
	 */
	public NotReplaceableException(String reason) {
		super(reason);
	}

	/**
	 * Create an exception.
	 * @param reason why the bean tier does not apply, in a few words
	 * @param cause the failure behind it
	 */
	public NotReplaceableException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
