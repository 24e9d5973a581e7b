package dev.reloadhook.micrometer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.leak.LeakDetector;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.restart.ClassDirectories;
import dev.reloadhook.restart.MainMethod;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReloadMetrics}.
 */
class ReloadMetricsTests {

	@TempDir
	Path temp;

	@Test
	void createWhenCoordinatorIsNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadMetrics(null))
			.withMessage("'coordinator' must not be null");
	}

	@Test
	void reloadsAreTimedByTierAndOutcome() throws Exception {
		ReloadCoordinator coordinator = new ReloadCoordinator(new MainMethod("no.such.Main"), new String[0],
				ClassDirectories.fromClassPath(Files.createDirectories(this.temp.resolve("classes")).toString()),
				new ReloadHookProperties());
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(coordinator).bindTo(registry);
		FunctionTimer failedRestarts = registry.get("reload.duration")
			.tag("tier", "restart")
			.tag("outcome", "failure")
			.functionTimer();
		assertThat(failedRestarts.count()).isZero();
		coordinator.requestReload(ReloadTrigger.manual());
		await().atMost(Duration.ofSeconds(30)).until(() -> failedRestarts.count() == 1);
		assertThat(failedRestarts.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
		assertThat(registry.get("reload.duration").tag("tier", "hotswap").tag("outcome", "success").functionTimer().count())
			.isZero();
		assertThat(registry.get("reload.generations.live").gauge().value()).isEqualTo(coordinator.liveGenerations());
		assertThat(registry.get("reload.requests.held").functionCounter().count()).isZero();
	}

	@Test
	void leaksAreCountedWhenTheDetectorIsRegistered() throws Exception {
		ReloadHookProperties properties = new ReloadHookProperties();
		ReloadCoordinator coordinator = new ReloadCoordinator(new MainMethod("no.such.Main"), new String[0],
				ClassDirectories.fromClassPath(Files.createDirectories(this.temp.resolve("classes")).toString()),
				properties);
		SimpleMeterRegistry withoutDetector = new SimpleMeterRegistry();
		new ReloadMetrics(coordinator).bindTo(withoutDetector);
		assertThat(withoutDetector.find("reload.leaks").functionCounter()).isNull();
		coordinator.addGenerationListener(new LeakDetector(coordinator, LeakDetector.Settings.of(properties)));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ReloadMetrics(coordinator).bindTo(registry);
		assertThat(registry.get("reload.leaks").functionCounter().count()).isZero();
	}

}
