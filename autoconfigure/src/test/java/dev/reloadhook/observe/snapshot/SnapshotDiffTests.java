package dev.reloadhook.observe.snapshot;

import java.time.Instant;
import java.util.List;

import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.reload.restart.GenerationState.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SnapshotDiff}, over snapshots built by each test.
 */
class SnapshotDiffTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	@Test
	void threadsAreComparedByIdNotByName() {
		ThreadState main = thread(1, "main");
		ThreadState oldWorker = thread(20, "worker");
		ThreadState newWorker = thread(21, "worker");
		ThreadState started = thread(30, "scheduler-1");
		Snapshot from = snapshot(1, List.of(main, oldWorker), List.of(), 0, 0);
		Snapshot to = snapshot(2, List.of(main, newWorker, started), List.of(), 0, 0);
		SnapshotDiff diff = SnapshotDiff.between(from, to);
		assertThat(diff.from()).isEqualTo(1);
		assertThat(diff.to()).isEqualTo(2);
		assertThat(diff.threadsStarted()).containsExactly(newWorker, started);
		assertThat(diff.threadsStopped()).containsExactly(oldWorker);
	}

	@Test
	void generationsNotCollectedAreTheClosedOnesOfTheLaterSnapshot() {
		List<GenerationState> earlier = List.of(generation(1, Status.CLOSED), generation(2, Status.SERVING));
		List<GenerationState> later = List.of(generation(2, Status.CLOSED), generation(3, Status.RETIRING),
				generation(4, Status.CLOSED), generation(5, Status.SERVING), generation(6, Status.STARTING));
		SnapshotDiff diff = SnapshotDiff.between(snapshot(1, List.of(), earlier, 0, 0),
				snapshot(2, List.of(), later, 0, 0));
		// Generation 1 was collected in between; 3 is still draining, not closed yet.
		assertThat(diff.generationsNotCollected()).containsExactly(2, 4);
	}

	@Test
	void deltasAreLaterMinusEarlierAndMayBeNegative() {
		SnapshotDiff grown = SnapshotDiff.between(snapshot(1, List.of(), List.of(), 100_000, 5_000),
				snapshot(2, List.of(), List.of(), 350_000, 5_200));
		assertThat(grown.heapUsedDeltaBytes()).isEqualTo(250_000);
		assertThat(grown.loadedClassesDelta()).isEqualTo(200);
		SnapshotDiff shrunk = SnapshotDiff.between(snapshot(2, List.of(), List.of(), 350_000, 5_200),
				snapshot(3, List.of(), List.of(), 120_000, 4_900));
		assertThat(shrunk.heapUsedDeltaBytes()).isEqualTo(-230_000);
		assertThat(shrunk.loadedClassesDelta()).isEqualTo(-300);
	}

	@Test
	void aSnapshotComparedWithItselfHasNoDifference() {
		Snapshot snapshot = snapshot(7, List.of(thread(1, "main"), thread(2, "worker")),
				List.of(generation(1, Status.SERVING)), 1_000, 100);
		SnapshotDiff diff = SnapshotDiff.between(snapshot, snapshot);
		assertThat(diff).isEqualTo(new SnapshotDiff(7, 7, List.of(), List.of(), List.of(), 0, 0));
	}

	private static Snapshot snapshot(long id, List<ThreadState> threads, List<GenerationState> generations,
			long heapUsed, int loadedClasses) {
		return new Snapshot(id, NOW.plusSeconds(id), "requested", null, 1, heapUsed, heapUsed * 2, loadedClasses, 0,
				generations, 0, threads, List.of());
	}

	private static ThreadState thread(long id, String name) {
		return new ThreadState(id, name, Thread.State.RUNNABLE, false, null, null);
	}

	private static GenerationState generation(int generation, Status status) {
		return new GenerationState(generation, status, 0, (status == Status.CLOSED) ? NOW : null);
	}

}
