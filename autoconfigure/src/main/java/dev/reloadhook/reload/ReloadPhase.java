package dev.reloadhook.reload;

import org.jspecify.annotations.Nullable;

/**
 * The timed phases of a reload, in the order they run. Some are parts of another: the
 * parts of {@link #REFRESH} split a generation's start the way Spring marks it with its
 * application startup steps, and add up to it.
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

	/**
	 * Part of {@link #REFRESH}: from the launch to the context refresh (environment,
	 * logging, the application context and its initializers).
	 */
	PREPARE,

	/**
	 * Part of {@link #REFRESH}: the bean definitions (configuration classes and their
	 * conditions, component scanning, bean factory post-processors) and the bean
	 * post-processors.
	 */
	PARSE,

	/**
	 * Part of {@link #REFRESH}: the generation's web server context, and the servlets and
	 * filters it starts with (Spring Security's filter chain among them).
	 */
	WEB,

	/** Part of {@link #REFRESH}: creating the beans and starting the context. */
	BEANS,

	/**
	 * Part of {@link #REFRESH}: after the refresh until the generation is ready
	 * (application runners and the started and ready events).
	 */
	RUNNERS,

	/** Switching traffic to the new generation (part of {@link #REFRESH}). */
	SWITCH,

	/** Waiting for the requests still running on the previous generation. */
	DRAIN,

	/** Closing the previous generation. */
	CLOSE;

	/**
	 * Return the phase this one is a part of.
	 * @return the enclosing phase, or {@code null} for a phase of the reload itself
	 */
	public @Nullable ReloadPhase partOf() {
		return switch (this) {
			case PREPARE, PARSE, WEB, BEANS, RUNNERS -> REFRESH;
			default -> null;
		};
	}

}
