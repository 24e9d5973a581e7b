package dev.reloadhook.reload;

import dev.reloadhook.config.ReloadHookProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Told about reloads and the end of generations, on the coordinator's thread: a way for
 * state that outlives generations (such as retained resources) to release what only a
 * finished generation used, and for the application to take part in reloads.
 *
 * @author reload-hook
 */
public interface GenerationListener {

	/**
	 * Called when a newly started generation brings its settings.
	 * @param properties the settings
	 */
	default void configure(ReloadHookProperties properties) {
	}

	/**
	 * Called when a reload starts, before anything changed.
	 * @param reload the reload number
	 * @param trigger what asked for it
	 */
	default void starting(long reload, ReloadTrigger trigger) {
	}

	/**
	 * Called when a generation has been replaced, before its requests are drained and it
	 * is closed.
	 * @param context the retiring generation's application context
	 * @param reload the reload that replaces it, its phases so far
	 */
	default void retiring(ConfigurableApplicationContext context, ReloadRecord reload) {
	}

	/**
	 * Called when a reload has ended.
	 * @param reload the reload
	 * @param serving the application context of the generation serving now, if any
	 */
	default void reloaded(ReloadRecord reload, @Nullable ConfigurableApplicationContext serving) {
	}

	/**
	 * Called when a generation failed to start and was discarded.
	 * @param generation the generation number
	 */
	default void discarded(int generation) {
	}

	/**
	 * Called when a generation that served was closed after its successor took over.
	 * @param generation the generation number
	 */
	default void closed(int generation) {
	}

}
