package dev.reloadhook.observe.snapshot;

import dev.reloadhook.reload.restart.RestartClassLoader;
import org.jspecify.annotations.Nullable;

/**
 * A live thread, as seen in a snapshot. Holds no reference to the thread.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state its state
 * @param daemon whether it is a daemon thread
 * @param generation the generation it belongs to, or {@code null} when none does
 * @param belongsBy how it belongs to that generation: {@code class} (its class was
 * loaded by the generation) or {@code context-class-loader}; {@code null} when it belongs
 * to none
 * @author reload-hook
 */
public record ThreadState(long id, String name, Thread.State state, boolean daemon, @Nullable Integer generation,
		@Nullable String belongsBy) {

	/**
	 * Describe a thread.
	 * @param thread the thread
	 * @return its state
	 */
	public static ThreadState of(Thread thread) {
		int byClass = RestartClassLoader.generationOf(thread.getClass().getClassLoader());
		int byContext = RestartClassLoader.generationOf(thread.getContextClassLoader());
		Integer generation = (byClass != 0) ? Integer.valueOf(byClass)
				: (byContext != 0) ? Integer.valueOf(byContext) : null;
		String belongsBy = (byClass != 0) ? "class" : (byContext != 0) ? "context-class-loader" : null;
		return new ThreadState(thread.getId(), thread.getName(), thread.getState(), thread.isDaemon(), generation,
				belongsBy);
	}

}
