package dev.reloadhook.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.reload.restart.Generation;
import dev.reloadhook.watch.ChangedFile;
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
		ReloadRecord record = new ReloadRecord(2, 2, files("a/A.class", "a/B.class", "a/C.class", "a/D.class"),
				ReloadTier.RESTART, "a.A is new", List.of("a.A"), ReloadOutcome.SUCCESS, Instant.now(),
				Duration.ofMillis(412), phases, null, 0);
		assertThat(ReloadLogLine.of(record, 2)).isEqualTo("Generation 2 serving in 412 ms (restart: detect 51, "
				+ "refresh 398, close 13), changed: a.A (4 files written)");
	}

	@Test
	void partsOfARestartFollowTheRefreshInBrackets() {
		Map<ReloadPhase, Duration> phases = new EnumMap<>(ReloadPhase.class);
		phases.put(ReloadPhase.DETECT, Duration.ofMillis(20));
		phases.put(ReloadPhase.REFRESH, Duration.ofMillis(540));
		phases.put(ReloadPhase.PREPARE, Duration.ofMillis(30));
		phases.put(ReloadPhase.PARSE, Duration.ofMillis(130));
		phases.put(ReloadPhase.WEB, Duration.ofMillis(20));
		phases.put(ReloadPhase.BEANS, Duration.ofMillis(320));
		phases.put(ReloadPhase.RUNNERS, Duration.ofMillis(40));
		phases.put(ReloadPhase.SWITCH, Duration.ofMillis(1));
		phases.put(ReloadPhase.CLOSE, Duration.ofMillis(60));
		ReloadRecord record = new ReloadRecord(2, 2, files("a/A.class"), ReloadTier.RESTART, "a.A is new",
				List.of("a.A"), ReloadOutcome.SUCCESS, Instant.now(), Duration.ofMillis(622), phases, null, 0);
		assertThat(ReloadLogLine.of(record, 2)).isEqualTo("Generation 2 serving in 622 ms (restart: detect 20, "
				+ "refresh 540 [prepare 30, parse 130, web 20, beans 320, runners 40], switch 1, close 60), "
				+ "changed: a.A");
	}

	@Test
	void failureSaysWhoKeepsServingAndTheRootCause() {
		BeanCreationException failure = new BeanCreationException("broken", "Error creating bean",
				new IllegalStateException("boom\n  at line two"));
		ReloadRecord record = new ReloadRecord(3, 3, ReloadTrigger.manual(), ReloadTier.RESTART, "requested",
				List.of(), ReloadOutcome.FAILURE, Instant.now(), Duration.ofMillis(300), Map.of(), FailureSummary.of(failure), 0);
		assertThat(ReloadLogLine.of(record, 2)).isEqualTo("Reload failed: generation 3 did not start in 300 ms "
				+ "(restart), requested; generation 2 keeps serving, the next change retries: "
				+ "IllegalStateException: boom at line two (bean 'broken')");
	}

	@Test
	void hotSwapKeepsTheGeneration() {
		Map<ReloadPhase, Duration> phases = new EnumMap<>(ReloadPhase.class);
		phases.put(ReloadPhase.REDEFINE, Duration.ofMillis(4));
		ReloadRecord record = new ReloadRecord(4, 3, files("a/A.class"), ReloadTier.HOTSWAP,
				"method bodies of a.A changed", List.of("a.A"), ReloadOutcome.SUCCESS, Instant.now(),
				Duration.ofMillis(6), phases, null, 0);
		assertThat(ReloadLogLine.of(record, 3))
			.isEqualTo("Generation 3 hot-swapped in 6 ms (hotswap: redefine 4), changed: a.A");
	}

	@Test
	void noOpSaysNothingWasReloaded() {
		ReloadRecord record = new ReloadRecord(5, 3, files("a/A.class"), ReloadTier.NO_OP, "no class changed",
				List.of(), ReloadOutcome.SUCCESS, Instant.now(), Duration.ofMillis(1), Map.of(), null, 0);
		assertThat(ReloadLogLine.of(record, 3))
			.isEqualTo("Nothing to reload in 1 ms (no-op), written again unchanged: a/A.class");
	}

	@Test
	void changedClassesAndOtherFilesAreListedNotEveryFileTheBuildWroteAgain() {
		ReloadRecord record = new ReloadRecord(6, 4,
				files("a/Z.class", "a/A.class", "a/B.class", "a/C.class", "a/D.class", "application.properties"),
				ReloadTier.RESTART, "the structure of a.D changed", List.of("a.D", "a.D$Inner", "a.E"),
				ReloadOutcome.SUCCESS, Instant.now(), Duration.ofMillis(500), Map.of(), null, 0);
		assertThat(ReloadLogLine.of(record, 4)).isEqualTo("Generation 4 serving in 500 ms (restart), "
				+ "changed: a.D, a.D$Inner, a.E and 1 more (6 files written)");
	}

	@Test
	void savedSourcesThatDidNotCompileAreWhatChanged() {
		ReloadRecord record = new ReloadRecord(7, 4, files("a/A.java"), ReloadTier.NO_OP, "compilation failed",
				List.of(), ReloadOutcome.FAILURE, Instant.now(), Duration.ofMillis(90), Map.of(),
				"1 compilation error, first: A.java:3: ';' expected", 0);
		assertThat(ReloadLogLine.of(record, 4)).startsWith("Reload failed: compilation failed in 90 ms (no-op), "
				+ "changed: a/A.java; generation 4 keeps serving");
	}

	private static ReloadTrigger files(String... names) {
		Path root = Path.of("/classes");
		List<ChangedFile> files = java.util.Arrays.stream(names)
			.map((name) -> new ChangedFile(root, root.resolve(name), ChangedFile.Kind.MODIFIED))
			.toList();
		return ReloadTrigger.files(files, Duration.ZERO);
	}

}
