package dev.reloadhook.reload;

/**
 * Told about the end of generations, on the coordinator's thread: a way for state that
 * outlives generations (such as retained resources) to release what only a finished
 * generation used.
 *
 * @author reload-hook
 */
public interface GenerationListener {

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
