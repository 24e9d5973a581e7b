package dev.reloadhook.reload.restart;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.reloadhook.reload.ReloadPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Times the parts of a generation's start from the steps Spring marks with its
 * {@link ApplicationStartup}: the context refresh, and in it the bean definitions
 * ({@code spring.context.beans.post-process}) and the web server
 * ({@code spring.boot.webserver.create}). Other steps cost nothing: they are Spring's
 * no-op default.
 * <p>
 * Only installed on a generation whose application did not set an application startup of
 * its own (Spring Boot's startup endpoint reads the one it set).
 *
 * @author reload-hook
 */
final class RefreshSteps implements ApplicationStartup {

	static final String REFRESH = "spring.context.refresh";

	static final String DEFINITIONS = "spring.context.beans.post-process";

	static final String WEB_SERVER = "spring.boot.webserver.create";

	private final Object lock = new Object();

	private @Nullable Step refresh;

	private long refreshEndNanos;

	private int openRefreshes;

	private long definitionsNanos;

	private long webServerNanos;

	@Override
	public StartupStep start(String name) {
		if (!name.equals(REFRESH) && !name.equals(DEFINITIONS) && !name.equals(WEB_SERVER)) {
			return ApplicationStartup.DEFAULT.start(name);
		}
		Step step = new Step(name);
		synchronized (this.lock) {
			if (name.equals(REFRESH)) {
				this.openRefreshes++;
				if (this.refresh == null) {
					this.refresh = step;
				}
			}
		}
		return step;
	}

	private void ended(Step step, long endNanos) {
		synchronized (this.lock) {
			if (step.getName().equals(REFRESH)) {
				this.openRefreshes--;
				if (step == this.refresh) {
					this.refreshEndNanos = endNanos;
				}
			}
			// A child context (actuator's on its own port) refreshes inside the root one:
			// its steps are not the generation's own.
			else if (this.openRefreshes == 1 && this.refreshEndNanos == 0) {
				long took = endNanos - step.startNanos;
				if (step.getName().equals(DEFINITIONS)) {
					this.definitionsNanos += took;
				}
				else {
					this.webServerNanos += took;
				}
			}
		}
	}

	/**
	 * Return the parts of the generation's start, once it is ready.
	 * @param launchedNanos when the generation was launched
	 * @param readyNanos when it was ready
	 * @return the parts of {@link ReloadPhase#REFRESH}, empty if the context did not
	 * refresh through this application startup
	 */
	Map<ReloadPhase, Duration> parts(long launchedNanos, long readyNanos) {
		synchronized (this.lock) {
			Step root = this.refresh;
			if (root == null || this.refreshEndNanos == 0 || readyNanos < this.refreshEndNanos) {
				return Collections.emptyMap();
			}
			Map<ReloadPhase, Duration> parts = new EnumMap<>(ReloadPhase.class);
			parts.put(ReloadPhase.PREPARE, Duration.ofNanos(root.startNanos - launchedNanos));
			parts.put(ReloadPhase.PARSE, Duration.ofNanos(this.definitionsNanos));
			parts.put(ReloadPhase.WEB, Duration.ofNanos(this.webServerNanos));
			parts.put(ReloadPhase.BEANS, Duration
				.ofNanos(this.refreshEndNanos - root.startNanos - this.definitionsNanos - this.webServerNanos));
			parts.put(ReloadPhase.RUNNERS, Duration.ofNanos(readyNanos - this.refreshEndNanos));
			return parts;
		}
	}

	private final class Step implements StartupStep {

		private final String name;

		private final long startNanos = System.nanoTime();

		Step(String name) {
			this.name = name;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public long getId() {
			return 0;
		}

		@Override
		public @Nullable Long getParentId() {
			return null;
		}

		@Override
		public StartupStep tag(String key, String value) {
			return this;
		}

		@Override
		public StartupStep tag(String key, Supplier<String> value) {
			return this;
		}

		@Override
		public Tags getTags() {
			return Collections::emptyIterator;
		}

		@Override
		public void end() {
			ended(this, System.nanoTime());
		}

	}

}
