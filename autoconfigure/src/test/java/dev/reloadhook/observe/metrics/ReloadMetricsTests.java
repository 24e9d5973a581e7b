package dev.reloadhook.observe.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.boot.ActiveRuntime;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.observe.leak.LeakDetector;
import dev.reloadhook.reload.FakeReloads;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.GenerationState;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ReloadMetrics}.
 */
class ReloadMetricsTests {

	@TempDir
	Path temp;

	private final FakeReloads reloads = new FakeReloads();

	@Test
	void createWhenStatusIsNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadMetrics(null, null))
			.withMessage("'status' must not be null");
	}

	@Test
	void reloadsAreTimedByTierAndOutcome() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, null).bindTo(registry);
		FunctionTimer failedRestarts = timer(registry, "restart", "failure");
		assertThat(failedRestarts.count()).isZero();
		ReloadRecord failed = this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE,
				Duration.ofNanos(406_123_457), 0);
		assertThat(failedRestarts.count()).isEqualTo(1);
		// Timers keep seconds as doubles: equal to the nanosecond, not to the last bit.
		assertThat(failedRestarts.totalTime(TimeUnit.NANOSECONDS)).isCloseTo(failed.duration().toNanos(), within(1.0));
		// A compilation that failed: no tier ran.
		this.reloads.record(ReloadTrigger.files(List.of(), Duration.ofMillis(250)), ReloadTier.NO_OP,
				ReloadOutcome.FAILURE, Duration.ofMillis(450), 0);
		assertThat(timer(registry, "no-op", "failure").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(450);
		assertOthersAreZero(registry, "restart/failure", "no-op/failure");
	}

	@Test
	void durationsAndHeldRequestsAddUpTheReloadsButNotTheFirstStart() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, null).bindTo(registry);
		this.reloads.record(ReloadTrigger.startup(System.nanoTime()), ReloadTier.RESTART, ReloadOutcome.SUCCESS, Duration.ofSeconds(3),
				0);
		this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS, Duration.ofMillis(1500),
				2);
		this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS, Duration.ofMillis(500),
				1);
		this.reloads.record(ReloadTrigger.manual(ReloadTier.HOTSWAP), ReloadTier.HOTSWAP, ReloadOutcome.SUCCESS,
				Duration.ofMillis(20), 0);
		this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE, Duration.ofMillis(700),
				0);
		FunctionTimer restarts = timer(registry, "restart", "success");
		assertThat(restarts.count()).isEqualTo(2);
		assertThat(restarts.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
		FunctionTimer hotSwaps = timer(registry, "hotswap", "success");
		assertThat(hotSwaps.count()).isEqualTo(1);
		assertThat(hotSwaps.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
		FunctionTimer failedRestarts = timer(registry, "restart", "failure");
		assertThat(failedRestarts.count()).isEqualTo(1);
		assertThat(failedRestarts.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(700);
		assertOthersAreZero(registry, "restart/success", "hotswap/success", "restart/failure");
		assertThat(registry.get("reload.requests.held").functionCounter().count()).isEqualTo(3);
		// A registry bound later (the next generation's) counts the same reloads.
		SimpleMeterRegistry next = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, null).bindTo(next);
		assertThat(timer(next, "restart", "success").count()).isEqualTo(2);
		assertThat(next.get("reload.requests.held").functionCounter().count()).isEqualTo(3);
	}

	@Test
	void clearingTheHistoryDoesNotTurnTheCountersBack() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, null).bindTo(registry);
		this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS, Duration.ofMillis(300),
				1);
		this.reloads.history().clear();
		assertThat(timer(registry, "restart", "success").count()).isEqualTo(1);
		assertThat(registry.get("reload.requests.held").functionCounter().count()).isEqualTo(1);
	}

	@Test
	void liveGenerationsAreGauged() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, null).bindTo(registry);
		assertThat(registry.get("reload.generations.live").gauge().value()).isZero();
		this.reloads.generations(new GenerationState(1, GenerationState.Status.CLOSED, 0, null),
				new GenerationState(2, GenerationState.Status.SERVING, 0, null));
		assertThat(registry.get("reload.generations.live").gauge().value()).isEqualTo(2);
	}

	@Test
	void leaksAreCountedWhenThereIsADetector() throws Exception {
		SimpleMeterRegistry withoutDetector = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, null).bindTo(withoutDetector);
		assertThat(withoutDetector.find("reload.leaks").functionCounter()).isNull();
		ReloadHookProperties properties = new ReloadHookProperties();
		// The detector needs a runtime's state to watch; no reload runs.
		LeakDetector detector = ActiveRuntime.create(this.temp, properties).leaks();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(this.reloads, detector).bindTo(registry);
		assertThat(registry.get("reload.leaks").functionCounter().count()).isZero();
	}

	private static FunctionTimer timer(SimpleMeterRegistry registry, String tier, String outcome) {
		return registry.get("reload.duration").tag("tier", tier).tag("outcome", outcome).functionTimer();
	}

	/**
	 * Assert that every {@code reload.duration} timer but the given ones
	 * ({@code tier/outcome}) counts nothing.
	 */
	private static void assertOthersAreZero(SimpleMeterRegistry registry, String... counted) {
		List<FunctionTimer> others = registry.get("reload.duration")
			.functionTimers()
			.stream()
			.filter((timer) -> !List.of(counted)
				.contains(timer.getId().getTag("tier") + "/" + timer.getId().getTag("outcome")))
			.toList();
		// One timer for every tier and outcome.
		assertThat(others).hasSize(ReloadTier.values().length * ReloadOutcome.values().length - counted.length);
		assertThat(others).allSatisfy((timer) -> {
			assertThat(timer.count()).as(timer.getId().toString()).isZero();
			assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(timer.getId().toString()).isZero();
		});
	}

}
