package dev.reloadhook.observe.endpoint;

import java.time.Instant;
import java.util.List;

import dev.reloadhook.observe.snapshot.Snapshot;
import dev.reloadhook.observe.snapshot.ThreadState;
import dev.reloadhook.retain.RetainedResources.RetainedResourceDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One snapshot in full.
 *
 * @param id the snapshot number
 * @param takenAt when it was taken
 * @param cause why: {@code before-reload}, {@code after-reload} or {@code requested}
 * @param reload the reload it was taken for, if any
 * @param servingGeneration the generation serving then
 * @param heapUsedBytes heap in use
 * @param heapCommittedBytes heap committed
 * @param loadedClasses classes loaded
 * @param unloadedClasses classes unloaded since the JVM started
 * @param generations the live generations
 * @param inFlightRequests the requests being served
 * @param threads the live threads, each with the generation it belongs to
 * @param retained the retained resources and their pool state
 * @author reload-hook
 */
public record SnapshotDescriptor(long id, Instant takenAt, String cause, @Nullable Long reload,
		int servingGeneration, long heapUsedBytes, long heapCommittedBytes, int loadedClasses, long unloadedClasses,
		List<GenerationDescriptor> generations, int inFlightRequests, List<ThreadState> threads,
		List<RetainedResourceDescriptor> retained) implements OperationResponseBody {

	static SnapshotDescriptor of(Snapshot snapshot) {
		return new SnapshotDescriptor(snapshot.id(), snapshot.takenAt(), snapshot.cause(), snapshot.reload(),
				snapshot.servingGeneration(), snapshot.heapUsedBytes(), snapshot.heapCommittedBytes(),
				snapshot.loadedClasses(), snapshot.unloadedClasses(), GenerationDescriptor.of(snapshot.generations()),
				snapshot.inFlightRequests(), snapshot.threads(), snapshot.retained());
	}

}
