package dev.reloadhook.observe.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.observe.leak.LeakDetector;
import dev.reloadhook.reload.ReloadHistory;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadStatus;
import dev.reloadhook.reload.ReloadTier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reload meters: {@code reload.duration} (tags {@code tier}, {@code outcome}),
 * {@code reload.generations.live}, {@code reload.requests.held} and
 * {@code reload.leaks}. They read state that outlives generations, so each
 * generation's registry shows every reload, and no meter references a generation.
 *
 * @author reload-hook
 */
public final class ReloadMetrics implements MeterBinder {

	private final ReloadStatus status;

	private final @Nullable LeakDetector leaks;

	/**
	 * Create a binder.
	 * @param status the reload state to read
	 * @param leaks the leak detector, or {@code null} when leaks are not looked for (no
	 * {@code reload.leaks} meter then)
	 */
	public ReloadMetrics(ReloadStatus status, @Nullable LeakDetector leaks) {
		Assert.notNull(status, "'status' must not be null");
		this.status = status;
		this.leaks = leaks;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		ReloadHistory history = this.status.history();
		for (ReloadTier tier : ReloadTier.values()) {
			for (ReloadOutcome outcome : ReloadOutcome.values()) {
				FunctionTimer.builder("reload.duration", history, (stats) -> stats.count(tier, outcome),
						(stats) -> stats.totalNanos(tier, outcome), TimeUnit.NANOSECONDS)
					.description("Time taken by reloads, from the decision to reload to the end")
					.tag("tier", tier.name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
					.register(registry);
			}
		}
		Gauge.builder("reload.generations.live", this.status, ReloadStatus::liveGenerations)
			.description("Generations whose class loader is still reachable, the serving one included")
			.register(registry);
		FunctionCounter.builder("reload.requests.held", history, ReloadHistory::heldRequests)
			.description("Requests in flight in a replaced generation that reloads waited for before closing it")
			.baseUnit("requests")
			.register(registry);
		if (this.leaks != null) {
			FunctionCounter.builder("reload.leaks", this.leaks, LeakDetector::found)
				.description("Closed generations found still reachable after garbage collections")
				.register(registry);
		}
	}

}
