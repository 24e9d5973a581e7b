package dev.reloadhook.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadLogLine} and {@link FailureSummary}.
 */
class ReloadLogLineTests {

	@Test
	void successSaysGenerationTierTimePhasesAndWhatChanged() {
		Map<ReloadPhase, Duration> phases = new EnumMap<>(ReloadPhase.class);
		phases.put(ReloadPhase.DETECT, Duration.ofMillis(51));
		phases.put(ReloadPhase.REFRESH, Duration.ofMillis(398));
		phases.put(ReloadPhase.CLOSE, Duration.ofMillis(13));
		ReloadRecord record = new ReloadRecord(2, 2,
				ReloadTrigger.files(List.of("a/A.class", "a/B.class", "a/C.class", "a/D.class"), Duration.ofMillis(51)),
				ReloadTier.RESTART, ReloadOutcome.SUCCESS, Instant.now(), Duration.ofMillis(412), phases, null);
		assertThat(ReloadLogLine.of(record, 2)).isEqualTo("Generation 2 serving in 412 ms (restart: detect 51, "
				+ "refresh 398, close 13), 4 files changed: a/A.class, a/B.class, a/C.class and 1 more");
	}

	@Test
	void failureSaysWhoKeepsServingAndTheRootCause() {
		BeanCreationException failure = new BeanCreationException("broken", "Error creating bean",
				new IllegalStateException("boom\n  at line two"));
		ReloadRecord record = new ReloadRecord(3, 3, ReloadTrigger.manual(), ReloadTier.RESTART,
				ReloadOutcome.FAILURE, Instant.now(), Duration.ofMillis(300), Map.of(), FailureSummary.of(failure));
		assertThat(ReloadLogLine.of(record, 2)).isEqualTo("Reload failed: generation 3 did not start in 300 ms "
				+ "(restart), requested; generation 2 keeps serving, the next change retries: "
				+ "IllegalStateException: boom at line two (bean 'broken')");
	}

}
