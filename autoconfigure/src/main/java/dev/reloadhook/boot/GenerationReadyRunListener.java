package dev.reloadhook.boot;

import java.time.Duration;

import dev.reloadhook.reload.restart.RestartClassLoader;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Tells the runtime that a generation is ready to serve once Spring Boot has finished
 * starting it: after the {@code ApplicationReadyEvent} <em>and</em> the readiness state
 * change to {@code ACCEPTING_TRAFFIC} were published and handled. Switching traffic at the
 * ready event itself let the first requests of the new generation see it still refusing
 * traffic ({@code /actuator/health/readiness} answered 503 for a moment).
 *
 * @author reload-hook
 */
public final class GenerationReadyRunListener implements SpringApplicationRunListener, Ordered {

	/**
	 * Create the listener (Spring Boot's contract for run listeners).
	 * @param application the application
	 * @param args its arguments
	 */
	public GenerationReadyRunListener(SpringApplication application, String[] args) {
	}

	@Override
	public int getOrder() {
		// After Spring Boot's own run listener, which publishes the events.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void ready(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		int generation = RestartClassLoader.generationOf(context.getClassLoader());
		ReloadRuntime runtime = ReloadRuntime.current();
		if (runtime != null && generation > 0 && context.getParent() == null) {
			runtime.lifecycle().ready(generation, context);
		}
	}

}
