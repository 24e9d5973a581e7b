package dev.reloadhook.observe.snapshot;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reloadhook.reload.restart.GenerationState;

/**
 * What changed between two snapshots: the threads started and not stopped, the threads
 * stopped, and the generations closed but not collected.
 *
 * @param from the earlier snapshot's number
 * @param to the later snapshot's number
 * @param threadsStarted threads alive in the later snapshot only
 * @param threadsStopped threads alive in the earlier snapshot only
 * @param generationsNotCollected generations closed but still reachable in the later
 * snapshot
 * @param heapUsedDeltaBytes the change of heap in use
 * @param loadedClassesDelta the change of the loaded class count
 * @author reload-hook
 */
public record SnapshotDiff(long from, long to, List<ThreadState> threadsStarted, List<ThreadState> threadsStopped,
		List<Integer> generationsNotCollected, long heapUsedDeltaBytes, int loadedClassesDelta) {

	/**
	 * Compare two snapshots.
	 * @param from the earlier one
	 * @param to the later one
	 * @return the difference
	 */
	public static SnapshotDiff between(Snapshot from, Snapshot to) {
		return new SnapshotDiff(from.id(), to.id(), missingFrom(from.threads(), to.threads()),
				missingFrom(to.threads(), from.threads()),
				to.generations()
					.stream()
					.filter((generation) -> generation.status() == GenerationState.Status.CLOSED)
					.map(GenerationState::generation)
					.toList(),
				to.heapUsedBytes() - from.heapUsedBytes(), to.loadedClasses() - from.loadedClasses());
	}

	private static List<ThreadState> missingFrom(List<ThreadState> reference, List<ThreadState> threads) {
		Set<Long> ids = reference.stream().map(ThreadState::id).collect(Collectors.toSet());
		return threads.stream().filter((thread) -> !ids.contains(thread.id())).toList();
	}

}
