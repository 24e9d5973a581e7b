package dev.reloadhook.reload;

/**
 * How a reload ended.
 *
 * @author reload-hook
 */
public enum ReloadOutcome {

	/** The new code is serving. */
	SUCCESS,

	/** The new code failed to start; the previous generation (if any) keeps serving. */
	FAILURE

}
