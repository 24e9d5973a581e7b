package dev.reloadhook.observe.snapshot;

import java.time.Instant;
import java.util.List;

import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.retain.RetainedResources.RetainedResourceDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * The state of the JVM at one moment, for comparing before and after a reload. Holds no
 * reference to any generation.
 *
 * @param id the snapshot number
 * @param takenAt when it was taken
 * @param cause why: {@code before-reload}, {@code after-reload} or {@code requested}
 * @param reload the reload it was taken for, if any
 * @param servingGeneration the generation serving then
 * @param heapUsedBytes heap in use (live and not yet collected objects)
 * @param heapCommittedBytes heap committed
 * @param loadedClasses classes loaded then
 * @param unloadedClasses classes unloaded since the JVM started
 * @param generations the live generations
 * @param inFlightRequests the requests being served
 * @param threads the live threads
 * @param retained the resources kept across generations, with their pool state
 * @author reload-hook
 */
public record Snapshot(long id, Instant takenAt, String cause, @Nullable Long reload, int servingGeneration,
		long heapUsedBytes, long heapCommittedBytes, int loadedClasses, long unloadedClasses,
		List<GenerationState> generations, int inFlightRequests, List<ThreadState> threads,
		List<RetainedResourceDescriptor> retained) {

	/**
	 * Create a snapshot.
	 * @param id the snapshot number
	 * @param takenAt when
	 * @param cause why
	 * @param reload the reload
	 * @param servingGeneration the serving generation
	 * @param heapUsedBytes heap used
	 * @param heapCommittedBytes heap committed
	 * @param loadedClasses loaded classes
	 * @param unloadedClasses unloaded classes
	 * @param generations live generations
	 * @param inFlightRequests in-flight requests
	 * @param threads live threads
	 * @param retained retained resources
	 */
	public Snapshot {
		generations = List.copyOf(generations);
		threads = List.copyOf(threads);
		retained = List.copyOf(retained);
	}

}
