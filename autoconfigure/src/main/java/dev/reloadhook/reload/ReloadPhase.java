package dev.reloadhook.reload;

/**
 * The timed phases of a reload, in the order they run.
 *
 * @author reload-hook
 */
public enum ReloadPhase {

	/** From the first file change to the decision to reload (the quiet period). */
	DETECT,

	/** Compiling changed sources (source mode). */
	COMPILE,

	/** Comparing the changed class files with the serving generation's. */
	CLASSIFY,

	/** Redefining classes in place (hot swap). */
	REDEFINE,

	/** Replacing beans in the serving generation's context (bean tier). */
	REPLACE,

	/** Starting the new generation: class loading and application context refresh. */
	REFRESH,

	/** Switching traffic to the new generation (part of {@link #REFRESH}). */
	SWITCH,

	/** Waiting for the requests still running on the previous generation. */
	DRAIN,

	/** Closing the previous generation. */
	CLOSE

}
