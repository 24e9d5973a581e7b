package dev.reloadhook.observe.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.reloadhook.observe.leak.LeakDetector;
import dev.reloadhook.observe.leak.LeakSuspect;
import dev.reloadhook.observe.snapshot.Snapshot;
import dev.reloadhook.observe.snapshot.SnapshotDiff;
import dev.reloadhook.observe.snapshot.Snapshots;
import dev.reloadhook.observe.snapshot.ThreadState;
import dev.reloadhook.reload.ReloadRequests;
import dev.reloadhook.reload.ReloadState;
import dev.reloadhook.reload.ReloadHistory;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.retain.RetainedResources;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that shows what reloads did and left behind, and triggers
 * one. Reads: {@code history}, {@code history/{id}}, {@code snapshots},
 * {@code snapshots/{id}}, {@code snapshots/{from}/{to}} (the difference) and
 * {@code leaks}. Writes: {@code POST} (a restart), {@code POST restart},
 * {@code POST hotswap}, {@code POST snapshots} and {@code DELETE history}.
 *
 * @author reload-hook
 */
@Endpoint(id = "reload")
public class ReloadEndpoint {

	private static final String HISTORY = "history";

	private static final String SNAPSHOTS = "snapshots";

	private static final String LEAKS = "leaks";

	private final ReloadState state;

	private final ReloadRequests requests;

	private final RetainedResources retained;

	/**
	 * Create an endpoint.
	 * @param state what to read about reloads and generations
	 * @param requests where to ask for reloads
	 * @param retained the resources that outlive generations
	 */
	public ReloadEndpoint(ReloadState state, ReloadRequests requests, RetainedResources retained) {
		Assert.notNull(state, "'state' must not be null");
		this.state = state;
		this.requests = requests;
		this.retained = retained;
	}

	/**
	 * Return the serving generation, the reload counts and durations, the recent reloads,
	 * the live generations and the leak suspects.
	 * @return the reload state
	 */
	@ReadOperation
	public ReloadStateDescriptor reload() {
		ReloadHistory history = this.state.history();
		ReloadRecord last = history.last();
		return new ReloadStateDescriptor(this.state.servingGeneration(),
				this.state.isReloading() ? "reloading" : "idle", this.state.liveGenerations(),
				generations(this.state.generations()), CountsDescriptor.of(history), DurationsDescriptor.of(history),
				(last != null) ? ReloadDescriptor.of(last) : null, history(history), this.retained.describe(),
				leaks());
	}

	/**
	 * Return a collection: {@code history}, {@code snapshots} or {@code leaks}.
	 * @param collection the collection
	 * @return its items, or {@code null} (404) for an unknown one
	 */
	@ReadOperation
	public @Nullable OperationResponseBody collection(@Selector String collection) {
		return switch (collection) {
			case HISTORY -> new HistoryDescriptor(history(this.state.history()));
			case SNAPSHOTS -> new SnapshotsDescriptor(snapshots().list().stream().map(SnapshotSummary::of).toList());
			case LEAKS -> new LeaksDescriptor(leaks());
			default -> null;
		};
	}

	/**
	 * Return one reload ({@code history/{id}}) or one snapshot ({@code snapshots/{id}}).
	 * @param collection {@code history} or {@code snapshots}
	 * @param id the reload or snapshot number
	 * @return the item, or {@code null} (404) when it is not kept
	 */
	@ReadOperation
	public @Nullable OperationResponseBody item(@Selector String collection, @Selector String id) {
		long number = number(id);
		return switch (collection) {
			case HISTORY -> {
				ReloadRecord record = this.state.history().record(number);
				yield (record != null) ? ReloadDescriptor.of(record) : null;
			}
			case SNAPSHOTS -> {
				Snapshot snapshot = snapshots().get(number);
				yield (snapshot != null) ? SnapshotDescriptor.of(snapshot) : null;
			}
			default -> null;
		};
	}

	/**
	 * Return the difference between two snapshots ({@code snapshots/{from}/{to}}): threads
	 * started and not stopped, generations not collected.
	 * @param collection {@code snapshots}
	 * @param from the earlier snapshot's number
	 * @param to the later snapshot's number
	 * @return the difference, or {@code null} (404) when either is not kept
	 */
	@ReadOperation
	public @Nullable SnapshotDiffDescriptor diff(@Selector String collection, @Selector String from,
			@Selector String to) {
		if (!SNAPSHOTS.equals(collection)) {
			return null;
		}
		Snapshot earlier = snapshots().get(number(from));
		Snapshot later = snapshots().get(number(to));
		return (earlier != null && later != null) ? new SnapshotDiffDescriptor(SnapshotDiff.between(earlier, later))
				: null;
	}

	/**
	 * Ask for a restart. It runs in the background: the request that asks for it is
	 * served by the generation it replaces.
	 * @return the acknowledgement
	 */
	@WriteOperation
	public ReloadRequestedDescriptor trigger() {
		return trigger(ReloadTier.RESTART);
	}

	/**
	 * Ask for a reload of a given tier ({@code POST restart} or {@code POST hotswap}), or
	 * take a snapshot now ({@code POST snapshots}). A hot swap redefines the class files
	 * that differ from those running; when they cannot be hot swapped, the reload fails
	 * and nothing changes. A path rather than a body names the tier, so that a plain
	 * {@code curl -X POST} works.
	 * @param action {@code restart}, {@code hotswap} or {@code snapshots}
	 * @return the acknowledgement, or the snapshot
	 */
	@WriteOperation
	public OperationResponseBody act(@Selector String action) {
		return switch (action.toLowerCase(Locale.ROOT)) {
			case "restart" -> trigger(ReloadTier.RESTART);
			case "hotswap", "hot-swap" -> trigger(ReloadTier.HOTSWAP);
			case SNAPSHOTS -> SnapshotDescriptor.of(snapshots().take("requested", null));
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "'",
					"Unknown action '" + action + "': use 'restart', 'hotswap' or 'snapshots'");
		};
	}

	private ReloadRequestedDescriptor trigger(ReloadTier tier) {
		this.requests.requestReload(ReloadTrigger.manual(tier));
		return new ReloadRequestedDescriptor(true, name(tier), this.state.servingGeneration());
	}

	/**
	 * Forget the kept reloads ({@code DELETE history}). Counts and meters keep counting.
	 * @param collection {@code history}
	 * @return how many records were forgotten, or {@code null} (404) for another
	 * collection
	 */
	@DeleteOperation
	public @Nullable HistoryClearedDescriptor clear(@Selector String collection) {
		if (!HISTORY.equals(collection)) {
			return null;
		}
		ReloadHistory history = this.state.history();
		int cleared = history.records().size();
		history.clear();
		return new HistoryClearedDescriptor(cleared);
	}

	private static List<ReloadDescriptor> history(ReloadHistory history) {
		return history.records().stream().map(ReloadDescriptor::of).toList();
	}

	private List<LeakDescriptor> leaks() {
		LeakDetector detector = this.state.generationListener(LeakDetector.class);
		return (detector != null) ? detector.suspects().stream().map(LeakDescriptor::of).toList() : List.of();
	}

	private static List<GenerationDescriptor> generations(List<GenerationState> generations) {
		return generations.stream().map(GenerationDescriptor::of).toList();
	}

	private Snapshots snapshots() {
		Snapshots snapshots = this.state.generationListener(Snapshots.class);
		Assert.state(snapshots != null, "Snapshots are not available");
		return snapshots;
	}

	private static long number(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			// Never kept: answered as unknown.
			return -1;
		}
	}

	private static String name(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The reload state.
	 *
	 * @param generation the generation serving now
	 * @param state {@code idle} or {@code reloading}
	 * @param liveGenerations generations whose class loader is still reachable (the
	 * serving one included)
	 * @param generations the live generations
	 * @param reloads the reload counts, the first start excluded
	 * @param durations the reload durations over the kept history
	 * @param last the most recent reload (or the first start)
	 * @param history the recent reloads, oldest first
	 * @param retained the resources kept across generations
	 * @param leaks the leak suspects
	 */
	public record ReloadStateDescriptor(int generation, String state, int liveGenerations,
			List<GenerationDescriptor> generations, CountsDescriptor reloads, DurationsDescriptor durations,
			@Nullable ReloadDescriptor last, List<ReloadDescriptor> history,
			List<RetainedResources.RetainedResourceDescriptor> retained,
			List<LeakDescriptor> leaks) implements OperationResponseBody {
	}

	/**
	 * A live generation.
	 *
	 * @param generation the generation number
	 * @param status {@code starting}, {@code serving}, {@code retiring} or {@code closed}
	 * @param inFlight the requests it is serving
	 * @param closedAt when it was closed, for a closed one
	 */
	public record GenerationDescriptor(int generation, String status, int inFlight, @Nullable Instant closedAt) {

		static GenerationDescriptor of(GenerationState state) {
			return new GenerationDescriptor(state.generation(), name(state.status()), state.inFlight(),
					state.closedAt());
		}

	}

	/**
	 * A leak suspect.
	 *
	 * @param generation the closed generation still reachable
	 * @param closedAt when it was closed
	 * @param detectedAt when it was found still reachable
	 * @param gcs the garbage collections it survived
	 * @param holders what likely holds it, most likely first
	 * @param chain the path from a GC root that keeps it, read from a heap dump (empty:
	 * none found; {@code null}: not looked for)
	 * @param hint how to fix the most likely holder
	 */
	public record LeakDescriptor(int generation, Instant closedAt, Instant detectedAt, int gcs,
			List<HolderDescriptor> holders, @Nullable String chain, String hint) {

		static LeakDescriptor of(LeakSuspect suspect) {
			return new LeakDescriptor(suspect.generation(), suspect.closedAt(), suspect.detectedAt(), suspect.gcs(),
					suspect.holders()
						.stream()
						.map((holder) -> new HolderDescriptor(name(holder.kind()), holder.description()))
						.toList(),
					suspect.chain(), suspect.hint());
		}

	}

	/**
	 * What likely holds a closed generation.
	 *
	 * @param kind {@code thread}, {@code timer}, {@code jdbc-driver}, {@code shutdown-hook},
	 * {@code thread-local}, {@code mbean} or {@code static-field}
	 * @param description which one
	 */
	public record HolderDescriptor(String kind, String description) {
	}

	/**
	 * Reload counts, the first start excluded, including reloads no longer kept.
	 *
	 * @param total all reloads
	 * @param succeeded reloads whose new code serves
	 * @param failed reloads whose new code did not start
	 * @param byTier the counts of each tier by outcome
	 */
	public record CountsDescriptor(long total, long succeeded, long failed, Map<String, Map<String, Long>> byTier) {

		static CountsDescriptor of(ReloadHistory history) {
			long succeeded = history.count(ReloadOutcome.SUCCESS);
			long failed = history.count(ReloadOutcome.FAILURE);
			Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
			for (ReloadTier tier : ReloadTier.values()) {
				Map<String, Long> byOutcome = new LinkedHashMap<>();
				for (ReloadOutcome outcome : ReloadOutcome.values()) {
					byOutcome.put(name(outcome), history.count(tier, outcome));
				}
				byTier.put(name(tier), byOutcome);
			}
			return new CountsDescriptor(succeeded + failed, succeeded, failed, byTier);
		}

	}

	/**
	 * Reload durations over the kept history, the first start excluded.
	 *
	 * @param count the reloads measured
	 * @param p50Ms the median, in milliseconds
	 * @param p95Ms the 95th percentile, in milliseconds
	 * @param maxMs the longest, in milliseconds
	 */
	public record DurationsDescriptor(int count, long p50Ms, long p95Ms, long maxMs) {

		static DurationsDescriptor of(ReloadHistory history) {
			long[] sorted = history.sortedDurations();
			if (sorted.length == 0) {
				return new DurationsDescriptor(0, 0, 0, 0);
			}
			return new DurationsDescriptor(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
					millis(sorted[sorted.length - 1]));
		}

		/** The nearest-rank percentile: a duration that really occurred. */
		private static long percentile(long[] sorted, int percent) {
			int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
			return sorted[Math.max(rank, 1) - 1];
		}

		private static long millis(long nanos) {
			return nanos / 1_000_000;
		}

	}

	/**
	 * One reload.
	 *
	 * @param id the reload number
	 * @param generation the generation it started
	 * @param trigger {@code startup}, {@code files} or {@code manual}
	 * @param changes the changed files
	 * @param tier how it was carried out: {@code no-op}, {@code hotswap} or {@code restart}
	 * @param reason why this tier
	 * @param classes the classes that changed
	 * @param outcome {@code success} or {@code failure}
	 * @param startedAt when it started
	 * @param durationMs how long it took, in milliseconds
	 * @param phasesMs the time of each phase, in milliseconds
	 * @param heldRequests the requests in flight in the replaced generation that the
	 * reload waited for
	 * @param error the failure, in one line
	 */
	public record ReloadDescriptor(long id, int generation, String trigger, List<String> changes, String tier,
			String reason, List<String> classes, String outcome, Instant startedAt, long durationMs,
			Map<String, Long> phasesMs, int heldRequests, @Nullable String error) implements OperationResponseBody {

		static ReloadDescriptor of(ReloadRecord record) {
			Map<String, Long> phases = new LinkedHashMap<>();
			record.phases().forEach((phase, duration) -> phases.put(name(phase), duration.toMillis()));
			return new ReloadDescriptor(record.id(), record.generation(), name(record.trigger().type()),
					record.trigger().files(), name(record.tier()), record.reason(), record.classes(),
					name(record.outcome()), record.startedAt(), record.duration().toMillis(), phases,
					record.heldRequests(), record.error());
		}

	}

	/**
	 * The kept reloads.
	 *
	 * @param reloads the reloads, oldest first
	 */
	public record HistoryDescriptor(List<ReloadDescriptor> reloads) implements OperationResponseBody {
	}

	/**
	 * The forgotten history.
	 *
	 * @param cleared how many records were forgotten
	 */
	public record HistoryClearedDescriptor(int cleared) implements OperationResponseBody {
	}

	/**
	 * The kept snapshots.
	 *
	 * @param snapshots the snapshots, oldest first
	 */
	public record SnapshotsDescriptor(List<SnapshotSummary> snapshots) implements OperationResponseBody {
	}

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
	 */
	public record SnapshotSummary(long id, Instant takenAt, String cause, @Nullable Long reload,
			int servingGeneration, long heapUsedBytes, int liveGenerations, int threads, int inFlightRequests) {

		static SnapshotSummary of(Snapshot snapshot) {
			return new SnapshotSummary(snapshot.id(), snapshot.takenAt(), snapshot.cause(), snapshot.reload(),
					snapshot.servingGeneration(), snapshot.heapUsedBytes(), snapshot.generations().size(),
					snapshot.threads().size(), snapshot.inFlightRequests());
		}

	}

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
	 */
	public record SnapshotDescriptor(long id, Instant takenAt, String cause, @Nullable Long reload,
			int servingGeneration, long heapUsedBytes, long heapCommittedBytes, int loadedClasses,
			long unloadedClasses, List<GenerationDescriptor> generations, int inFlightRequests,
			List<ThreadState> threads,
			List<RetainedResources.RetainedResourceDescriptor> retained) implements OperationResponseBody {

		static SnapshotDescriptor of(Snapshot snapshot) {
			return new SnapshotDescriptor(snapshot.id(), snapshot.takenAt(), snapshot.cause(), snapshot.reload(),
					snapshot.servingGeneration(), snapshot.heapUsedBytes(), snapshot.heapCommittedBytes(),
					snapshot.loadedClasses(), snapshot.unloadedClasses(), ReloadEndpoint.generations(snapshot.generations()),
					snapshot.inFlightRequests(), snapshot.threads(), snapshot.retained());
		}

	}

	/**
	 * The difference between two snapshots.
	 *
	 * @param diff the difference
	 */
	public record SnapshotDiffDescriptor(SnapshotDiff diff) implements OperationResponseBody {
	}

	/**
	 * The leak suspects.
	 *
	 * @param leaks the suspects, oldest first
	 */
	public record LeaksDescriptor(List<LeakDescriptor> leaks) implements OperationResponseBody {
	}

	/**
	 * The acknowledgement of a reload request.
	 *
	 * @param requested whether the reload was queued
	 * @param tier the tier asked for
	 * @param generation the generation serving when it was requested
	 */
	public record ReloadRequestedDescriptor(boolean requested, String tier, int generation)
			implements OperationResponseBody {
	}

}
