package dev.reloadhook.reload.restart;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds the generation a class loader, and so a thread, belongs to.
 *
 * @author reload-hook
 */
public final class GenerationOwnership {

	private GenerationOwnership() {
	}

	/**
	 * Return the generation of a class loader: the nearest restart class loader among it
	 * and its parents.
	 * @param classLoader the class loader
	 * @return the generation number, or {@code null} when it belongs to none
	 */
	public static @Nullable Integer generationOf(@Nullable ClassLoader classLoader) {
		for (ClassLoader candidate = classLoader; candidate != null; candidate = candidate.getParent()) {
			if (candidate instanceof RestartClassLoader restart) {
				return restart.getGeneration();
			}
		}
		return null;
	}

	/**
	 * Return every live thread of the JVM. Cheaper than {@link Thread#getAllStackTraces()}:
	 * no stack is walked.
	 * @return the threads
	 */
	public static List<Thread> liveThreads() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null) {
			root = root.getParent();
		}
		Thread[] threads = new Thread[root.activeCount() + 16];
		int count;
		while ((count = root.enumerate(threads, true)) == threads.length) {
			threads = new Thread[threads.length * 2];
		}
		return Arrays.asList(threads).subList(0, count);
	}

}
