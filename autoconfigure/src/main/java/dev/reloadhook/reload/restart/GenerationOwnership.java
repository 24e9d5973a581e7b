package dev.reloadhook.reload.restart;

import java.util.Arrays;
import java.util.List;

/**
 * Lists the threads whose class loaders tell the generation they belong to (see
 * {@link RestartClassLoader#generationOf(ClassLoader)}).
 *
 * @author reload-hook
 */
public final class GenerationOwnership {

	private GenerationOwnership() {
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
