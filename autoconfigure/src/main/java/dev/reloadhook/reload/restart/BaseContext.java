package dev.reloadhook.reload.restart;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * Runs code and creates threads that outlive generations so that they reference no
 * generation. A new thread inherits two things from the code that creates it: the context
 * class loader, and (up to Java 17) the protection domains of every class on the
 * creator's stack. Either would keep a generation's class loader alive for as long as the
 * thread runs.
 *
 * @author reload-hook
 */
public final class BaseContext {

	private static final ClassLoader BASE_CLASS_LOADER = BaseContext.class.getClassLoader();

	private BaseContext() {
	}

	/**
	 * Run an action with the base class loader as context class loader and without the
	 * caller's stack as access control context, so that threads it starts are clean.
	 * @param action the action
	 */
	@SuppressWarnings("removal")
	public static void run(Runnable action) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(BASE_CLASS_LOADER);
		try {
			AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
				action.run();
				return null;
			});
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * Create (not start) a thread that references no generation.
	 * @param name the thread name
	 * @param daemon whether it is a daemon thread
	 * @param task what it runs
	 * @return the thread
	 */
	public static Thread newThread(String name, boolean daemon, Runnable task) {
		Thread[] created = new Thread[1];
		run(() -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(daemon);
			thread.setContextClassLoader(BASE_CLASS_LOADER);
			created[0] = thread;
		});
		return created[0];
	}

}
