package dev.reloadhook.debug.relay;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import dev.reloadhook.debug.jdwp.JdwpException;

/**
 * The one thread of a session that sends the relay's own commands and waits for their
 * replies: the reader threads hand it their work so that they never wait for anything but
 * their socket, and its tasks run one at a time, in the order given.
 *
 * @author reload-hook
 */
final class SessionWorker {

	private final RelayLog log;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "relay-worker");
		thread.setDaemon(true);
		return thread;
	});

	SessionWorker(RelayLog log) {
		this.log = log;
	}

	/**
	 * Run a task later, logging its failure as a warning; nothing when the session ended.
	 * @param task the task
	 */
	void run(Task task) {
		execute(() -> {
			try {
				task.run();
			}
			catch (JdwpException | IOException | RuntimeException ex) {
				this.log.warn("Debug relay: " + ex.getMessage());
			}
		});
	}

	/**
	 * Run a task later.
	 * @param task the task
	 * @return {@code false} when the session ended and it will not run
	 */
	boolean execute(Runnable task) {
		try {
			this.executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// the session ended
			return false;
		}
	}

	/**
	 * Stop, interrupting the task that runs.
	 */
	void shutdown() {
		this.executor.shutdownNow();
	}

	/**
	 * Work that sends the relay's own commands.
	 */
	@FunctionalInterface
	interface Task {

		void run() throws JdwpException, IOException;

	}

}
