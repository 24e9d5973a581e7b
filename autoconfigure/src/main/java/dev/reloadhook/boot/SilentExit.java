package dev.reloadhook.boot;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication.AbandonedRunException;

/**
 * Ends the thread that launched the application without a stack trace, once the first
 * generation has been started on a thread of its own.
 *
 * @author reload-hook
 */
final class SilentExit implements Thread.UncaughtExceptionHandler {

	private final Thread.@Nullable UncaughtExceptionHandler delegate;

	private SilentExit(Thread.@Nullable UncaughtExceptionHandler delegate) {
		this.delegate = delegate;
	}

	static AbandonedRunException exitCurrentThread() {
		Thread thread = Thread.currentThread();
		thread.setUncaughtExceptionHandler(new SilentExit(thread.getUncaughtExceptionHandler()));
		return new AbandonedRunException();
	}

	@Override
	public void uncaughtException(Thread thread, Throwable ex) {
		if (ex instanceof AbandonedRunException) {
			return;
		}
		if (this.delegate != null) {
			this.delegate.uncaughtException(thread, ex);
		}
	}

}
