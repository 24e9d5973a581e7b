package dev.reloadhook.observe.endpoint;

import java.time.Instant;

import dev.reloadhook.observe.snapshot.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * One snapshot, in short.
 *
 * @param id the snapshot number
 * @param takenAt when it was taken
 * @param cause why
 * @param reload the reload it was taken for, if any
 * @param servingGeneration the generation serving then
 * @param heapUsedBytes heap in use
 * @param liveGenerations the live generation count
 * @param threads the live thread count
 * @param inFlightRequests the requests being served
 * @author reload-hook
 */
public record SnapshotSummary(long id, Instant takenAt, String cause, @Nullable Long reload, int servingGeneration,
		long heapUsedBytes, int liveGenerations, int threads, int inFlightRequests) {

	static SnapshotSummary of(Snapshot snapshot) {
		return new SnapshotSummary(snapshot.id(), snapshot.takenAt(), snapshot.cause(), snapshot.reload(),
				snapshot.servingGeneration(), snapshot.heapUsedBytes(), snapshot.generations().size(),
				snapshot.threads().size(), snapshot.inFlightRequests());
	}

}
