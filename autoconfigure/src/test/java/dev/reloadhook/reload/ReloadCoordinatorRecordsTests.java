package dev.reloadhook.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.MainMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what {@link ReloadCoordinator} records of reloads that fail before any
 * generation serves: its main class does not exist.
 */
class ReloadCoordinatorRecordsTests {

	@TempDir
	Path temp;

	@Test
	void aManualRestartThatFailsIsRecordedWithItsError() throws Exception {
		ReloadCoordinator coordinator = coordinator();
		coordinator.requestReload(ReloadTrigger.manual());
		// The record is complete before the coordinator is idle again.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> coordinator.history().count(ReloadOutcome.FAILURE) == 1 && !coordinator.isReloading());
		ReloadRecord last = coordinator.history().last();
		assertThat(last.trigger().type()).isEqualTo(ReloadTrigger.Type.MANUAL);
		assertThat(last.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(last.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(last.error()).isEqualTo("ClassNotFoundException: no.such.Main");
		assertThat(last.phases()).containsKey(ReloadPhase.REFRESH);
		assertThat(coordinator.servingGeneration()).isZero();
		assertThat(coordinator.history().count(ReloadTier.RESTART, ReloadOutcome.FAILURE)).isEqualTo(1);
	}

	@Test
	void aHotSwapAskedForWhileNothingServesFailsWithoutRestarting() throws Exception {
		ReloadCoordinator coordinator = coordinator();
		coordinator.requestReload(ReloadTrigger.manual(ReloadTier.HOTSWAP));
		await().atMost(Duration.ofSeconds(30)).until(() -> coordinator.history().count(ReloadOutcome.FAILURE) == 1);
		ReloadRecord last = coordinator.history().last();
		assertThat(last.tier()).isEqualTo(ReloadTier.NO_OP);
		assertThat(last.error()).isEqualTo("cannot hot swap: nothing is serving; request a restart to apply it");
		assertThat(last.phases()).doesNotContainKey(ReloadPhase.REFRESH);
	}

	@Test
	void aFailedCompilationCountsFromTheSave() throws Exception {
		ReloadCoordinator coordinator = coordinator();
		// A save seen 250 ms ago whose compilation failed.
		coordinator.compiled(
				ReloadTrigger.files(List.of(), Duration.ofMillis(250)).withCompilation(Duration.ofMillis(200)),
				List.of("A.java:1: cannot find symbol"));
		await().atMost(Duration.ofSeconds(30)).until(() -> coordinator.history().count(ReloadOutcome.FAILURE) == 1);
		ReloadRecord last = coordinator.history().last();
		assertThat(last.tier()).isEqualTo(ReloadTier.NO_OP);
		assertThat(last.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(coordinator.history().totalNanos(ReloadTier.NO_OP, ReloadOutcome.FAILURE))
			.isEqualTo(last.duration().toNanos());
	}

	private ReloadCoordinator coordinator() throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		return new ReloadCoordinator(new MainMethod("no.such.Main"), new String[0],
				ClassDirectories.fromClassPath(classes.toString()), new ReloadHookProperties());
	}

}
