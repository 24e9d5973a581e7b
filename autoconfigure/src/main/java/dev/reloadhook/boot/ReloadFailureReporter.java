package dev.reloadhook.boot;

import dev.reloadhook.reload.restart.RestartClassLoader;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps a failed reload to the one line the coordinator logs: when a later generation
 * fails to start, the previous one keeps serving and a full start-up failure report would
 * bury that. While nothing serves, Spring Boot reports the failure as usual; the stack trace of a
 * failed reload is logged at debug level.
 *
 * @author reload-hook
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ReloadFailureReporter implements SpringBootExceptionReporter {

	@Override
	public boolean reportException(Throwable failure) {
		ReloadRuntime runtime = ReloadRuntime.current();
		return runtime != null && runtime.state().servingGeneration() > 0
				&& RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader()) > 0;
	}

}
