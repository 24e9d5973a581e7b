package dev.reloadhook.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reloadhook.boot.ActiveRuntime;
import dev.reloadhook.boot.ReloadRuntime;
import dev.reloadhook.config.ReloadHookProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what {@link ReloadCoordinator} records, through a whole runtime, of reloads that fail before any
 * generation serves: its main class does not exist.
 */
class ReloadCoordinatorRecordsTests {

	@TempDir
	Path temp;

	@Test
	void aManualRestartThatFailsIsRecordedWithItsError() throws Exception {
		ReloadRuntime runtime = ActiveRuntime.create(this.temp, new ReloadHookProperties());
		ReloadCoordinator coordinator = runtime.coordinator();
		ReloadState state = runtime.state();
		coordinator.requestReload(ReloadTrigger.manual());
		// The record is complete before the coordinator is idle again.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> state.history().count(ReloadOutcome.FAILURE) == 1 && !state.isReloading());
		ReloadRecord last = state.history().last();
		assertThat(last.trigger().type()).isEqualTo(ReloadTrigger.Type.MANUAL);
		assertThat(last.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(last.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(last.error()).isEqualTo("ClassNotFoundException: no.such.Main");
		assertThat(last.phases()).containsKey(ReloadPhase.REFRESH);
		assertThat(state.servingGeneration()).isZero();
		assertThat(state.history().count(ReloadTier.RESTART, ReloadOutcome.FAILURE)).isEqualTo(1);
	}

	@Test
	void aHotSwapAskedForWhileNothingServesFailsWithoutRestarting() throws Exception {
		ReloadRuntime runtime = ActiveRuntime.create(this.temp, new ReloadHookProperties());
		ReloadCoordinator coordinator = runtime.coordinator();
		ReloadState state = runtime.state();
		coordinator.requestReload(ReloadTrigger.manual(ReloadTier.HOTSWAP));
		await().atMost(Duration.ofSeconds(30)).until(() -> state.history().count(ReloadOutcome.FAILURE) == 1);
		ReloadRecord last = state.history().last();
		assertThat(last.tier()).isEqualTo(ReloadTier.NO_OP);
		assertThat(last.error()).isEqualTo("cannot hot swap: nothing is serving; request a restart to apply it");
		assertThat(last.phases()).doesNotContainKey(ReloadPhase.REFRESH);
	}

	@Test
	void aFailedCompilationCountsFromTheSave() throws Exception {
		ReloadRuntime runtime = ActiveRuntime.create(this.temp, new ReloadHookProperties());
		ReloadCoordinator coordinator = runtime.coordinator();
		ReloadState state = runtime.state();
		// A save seen 250 ms ago whose compilation failed.
		coordinator.compiled(
				ReloadTrigger.files(List.of(), Duration.ofMillis(250)).withCompilation(Duration.ofMillis(200)),
				List.of("A.java:1: cannot find symbol"));
		await().atMost(Duration.ofSeconds(30)).until(() -> state.history().count(ReloadOutcome.FAILURE) == 1);
		ReloadRecord last = state.history().last();
		assertThat(last.tier()).isEqualTo(ReloadTier.NO_OP);
		assertThat(last.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(state.history().totalNanos(ReloadTier.NO_OP, ReloadOutcome.FAILURE))
			.isEqualTo(last.duration().toNanos());
	}

}
