package dev.reloadhook.observe.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.boot.ActiveRuntime;
import dev.reloadhook.boot.ReloadRuntime;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.observe.leak.LeakDetector;
import dev.reloadhook.reload.GenerationListeners;
import dev.reloadhook.reload.RecordedReloads;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadState;
import dev.reloadhook.reload.ReloadStates;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReloadMetrics}.
 */
class ReloadMetricsTests {

	@TempDir
	Path temp;

	@Test
	void createWhenStateIsNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadMetrics(null))
			.withMessage("'state' must not be null");
	}

	@Test
	void reloadsAreTimedByTierAndOutcome() throws Exception {
		ReloadRuntime runtime = ActiveRuntime.create(this.temp, new ReloadHookProperties());
		ReloadCoordinator coordinator = runtime.coordinator();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(runtime.state()).bindTo(registry);
		FunctionTimer failedRestarts = timer(registry, "restart", "failure");
		assertThat(failedRestarts.count()).isZero();
		// The main class does not exist: the restart fails.
		coordinator.requestReload(ReloadTrigger.manual());
		await().atMost(Duration.ofSeconds(30)).until(() -> failedRestarts.count() == 1);
		ReloadRecord failed = runtime.state().history().last();
		assertThat(failed.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		// Timers keep seconds as doubles: equal to the nanosecond, not to the last bit.
		assertThat(failedRestarts.totalTime(TimeUnit.NANOSECONDS)).isCloseTo(failed.duration().toNanos(), within(1.0));
		// A save seen 250 ms ago whose compilation failed: its duration counts from the save.
		coordinator.compiled(ReloadTrigger.files(List.of(), Duration.ofMillis(250)).withCompilation(Duration.ofMillis(200)),
				List.of("A.java:1: cannot find symbol"));
		FunctionTimer failedCompilations = timer(registry, "no-op", "failure");
		await().atMost(Duration.ofSeconds(30)).until(() -> failedCompilations.count() == 1);
		assertThat(failedCompilations.totalTime(TimeUnit.NANOSECONDS))
			.isCloseTo(runtime.state().history().last().duration().toNanos(), within(1.0))
			.isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
		assertThat(failedRestarts.count()).isEqualTo(1);
		assertOthersAreZero(registry, "restart/failure", "no-op/failure");
		assertThat(registry.get("reload.generations.live").gauge().value()).isEqualTo(runtime.state().liveGenerations());
		assertThat(registry.get("reload.requests.held").functionCounter().count()).isZero();
	}

	@Test
	void durationsAndHeldRequestsAddUpTheReloadsButNotTheFirstStart() throws Exception {
		ReloadState state = ReloadStates.of(this.temp, new GenerationListeners());
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(state).bindTo(registry);
		RecordedReloads.record(state.history(), ReloadTrigger.startup(), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofSeconds(3), 0);
		RecordedReloads.record(state.history(), ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofMillis(1500), 2);
		RecordedReloads.record(state.history(), ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
				Duration.ofMillis(500), 1);
		RecordedReloads.record(state.history(), ReloadTrigger.manual(ReloadTier.HOTSWAP), ReloadTier.HOTSWAP,
				ReloadOutcome.SUCCESS, Duration.ofMillis(20), 0);
		RecordedReloads.record(state.history(), ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE,
				Duration.ofMillis(700), 0);
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
		new ReloadMetrics(state).bindTo(next);
		assertThat(timer(next, "restart", "success").count()).isEqualTo(2);
		assertThat(next.get("reload.requests.held").functionCounter().count()).isEqualTo(3);
	}

	@Test
	void leaksAreCountedWhenTheDetectorIsRegistered() throws Exception {
		ReloadHookProperties properties = new ReloadHookProperties();
		GenerationListeners listeners = new GenerationListeners();
		ReloadState state = ReloadStates.of(this.temp, listeners);
		SimpleMeterRegistry withoutDetector = new SimpleMeterRegistry();
		new ReloadMetrics(state).bindTo(withoutDetector);
		assertThat(withoutDetector.find("reload.leaks").functionCounter()).isNull();
		LeakDetector detector = new LeakDetector(state, LeakDetector.Settings.of(properties));
		listeners.add(detector);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(state).bindTo(registry);
		assertThat(registry.get("reload.leaks").functionCounter().count()).isZero();
		detector.close();
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
