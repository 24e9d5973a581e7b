package dev.reloadhook.observe.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.reloadhook.observe.leak.LeakSuspect;
import dev.reloadhook.observe.snapshot.Snapshot;
import dev.reloadhook.observe.snapshot.SnapshotDiff;
import dev.reloadhook.observe.snapshot.Snapshots;
import dev.reloadhook.reload.ReloadHistory;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadRequests;
import dev.reloadhook.reload.ReloadStatus;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.retain.RetainedResources.RetainedResourceDescriptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * <p>
 * Each of these is a named operation of its own ({@link #history()},
 * {@link #snapshotDiff(long, long)}, {@link #requestHotSwap()}...). The actuator maps
 * operations by their number of path segments, so the few methods annotated for it only
 * read the segments and call the named one.
 *
 * @author reload-hook
 */
@Endpoint(id = "reload")
public class ReloadEndpoint {

	private static final Log logger = LogFactory.getLog(ReloadEndpoint.class);

	private static final String HISTORY = "history";

	private static final String SNAPSHOTS = "snapshots";

	private static final String LEAKS = "leaks";

	private final ReloadStatus status;

	private final ReloadRequests requests;

	private final Snapshots snapshots;

	private final Supplier<List<LeakSuspect>> leaks;

	private final Supplier<List<RetainedResourceDescriptor>> retained;

	/**
	 * Create an endpoint.
	 * @param status the reload state it shows
	 * @param requests where it asks for reloads
	 * @param snapshots the snapshots it shows and takes
	 * @param leaks the leak suspects (an empty list when leaks are not looked for)
	 * @param retained the resources kept across generations
	 */
	public ReloadEndpoint(ReloadStatus status, ReloadRequests requests, Snapshots snapshots,
			Supplier<List<LeakSuspect>> leaks, Supplier<List<RetainedResourceDescriptor>> retained) {
		Assert.notNull(status, "'status' must not be null");
		Assert.notNull(requests, "'requests' must not be null");
		Assert.notNull(snapshots, "'snapshots' must not be null");
		Assert.notNull(leaks, "'leaks' must not be null");
		Assert.notNull(retained, "'retained' must not be null");
		this.status = status;
		this.requests = requests;
		this.snapshots = snapshots;
		this.leaks = leaks;
		this.retained = retained;
	}

	/**
	 * Return the serving generation, the reload counts and durations, the recent reloads,
	 * the live generations, the retained resources and the leak suspects
	 * ({@code GET}).
	 * @return the reload state
	 */
	@ReadOperation
	public ReloadStateDescriptor reloadState() {
		ReloadHistory history = this.status.history();
		ReloadRecord last = history.last();
		return new ReloadStateDescriptor(this.status.servingGeneration(),
				state(), this.status.liveGenerations(),
				GenerationDescriptor.of(this.status.generations()), CountsDescriptor.of(history),
				DurationsDescriptor.of(history.durations()), (last != null) ? ReloadDescriptor.of(last) : null,
				ReloadDescriptor.of(history.records()), this.retained.get(), leakDescriptors());
	}

	/** {@code reloading}, {@code waiting-for-build} (a clean build is under way) or {@code idle}. */
	private String state() {
		if (this.status.isReloading()) {
			return "reloading";
		}
		return this.status.isWaitingForBuild() ? "waiting-for-build" : "idle";
	}

	/**
	 * Return the kept reloads ({@code GET history}).
	 * @return the reloads, oldest first
	 */
	public HistoryDescriptor history() {
		return new HistoryDescriptor(ReloadDescriptor.of(this.status.history().records()));
	}

	/**
	 * Return one kept reload ({@code GET history/{id}}).
	 * @param id the reload number
	 * @return the reload, or {@code null} when it is not kept
	 */
	public @Nullable ReloadDescriptor historyRecord(long id) {
		ReloadRecord record = this.status.history().record(id);
		return (record != null) ? ReloadDescriptor.of(record) : null;
	}

	/**
	 * Forget the kept reloads ({@code DELETE history}). Counts and meters keep counting.
	 * @return how many records were forgotten
	 */
	public HistoryClearedDescriptor clearHistory() {
		return new HistoryClearedDescriptor(this.status.history().clear());
	}

	/**
	 * Return the kept snapshots, in short ({@code GET snapshots}).
	 * @return the snapshots, oldest first
	 */
	public SnapshotsDescriptor snapshots() {
		return new SnapshotsDescriptor(this.snapshots.list().stream().map(SnapshotSummary::of).toList());
	}

	/**
	 * Return one kept snapshot in full ({@code GET snapshots/{id}}).
	 * @param id the snapshot number
	 * @return the snapshot, or {@code null} when it is not kept
	 */
	public @Nullable SnapshotDescriptor snapshot(long id) {
		Snapshot snapshot = this.snapshots.get(id);
		return (snapshot != null) ? SnapshotDescriptor.of(snapshot) : null;
	}

	/**
	 * Return the difference between two kept snapshots ({@code GET snapshots/{from}/{to}}):
	 * threads started and not stopped, generations not collected.
	 * @param from the earlier snapshot's number
	 * @param to the later snapshot's number
	 * @return the difference, or {@code null} when either is not kept
	 */
	public @Nullable SnapshotDiffDescriptor snapshotDiff(long from, long to) {
		Snapshot earlier = this.snapshots.get(from);
		Snapshot later = this.snapshots.get(to);
		return (earlier != null && later != null) ? new SnapshotDiffDescriptor(SnapshotDiff.between(earlier, later))
				: null;
	}

	/**
	 * Take a snapshot now and keep it ({@code POST snapshots}).
	 * @return the snapshot
	 */
	public SnapshotDescriptor takeSnapshot() {
		return SnapshotDescriptor.of(this.snapshots.take("requested", null));
	}

	/**
	 * Return the leak suspects ({@code GET leaks}).
	 * @return the suspects, oldest first
	 */
	public LeaksDescriptor leaks() {
		return new LeaksDescriptor(leakDescriptors());
	}

	/**
	 * Ask for a restart ({@code POST} or {@code POST restart}). It runs in the
	 * background: the request that asks for it is served by the generation it replaces.
	 * @return the acknowledgement
	 */
	@WriteOperation
	public ReloadRequestedDescriptor requestRestart() {
		return request(ReloadTier.RESTART);
	}

	/**
	 * Ask for a hot swap of the class files that differ from those running
	 * ({@code POST hotswap}). When they cannot be hot swapped, the reload fails and
	 * nothing changes.
	 * @return the acknowledgement
	 */
	public ReloadRequestedDescriptor requestHotSwap() {
		return request(ReloadTier.HOTSWAP);
	}

	private ReloadRequestedDescriptor request(ReloadTier tier) {
		this.requests.requestReload(ReloadTrigger.manual(tier));
		return new ReloadRequestedDescriptor(true, EnumNames.of(tier), this.status.servingGeneration());
	}

	private List<LeakDescriptor> leakDescriptors() {
		return this.leaks.get().stream().map(LeakDescriptor::of).toList();
	}

	// The paths: one operation per number of segments, each calling a named one.

	/**
	 * {@code GET history}, {@code GET snapshots} or {@code GET leaks}.
	 * @param collection the path segment
	 * @return the collection, or {@code null} (404) for an unknown one
	 */
	@ReadOperation
	public @Nullable OperationResponseBody collection(@Selector String collection) {
		return switch (collection) {
			case HISTORY -> history();
			case SNAPSHOTS -> snapshots();
			case LEAKS -> leaks();
			default -> null;
		};
	}

	/**
	 * {@code GET history/{id}} or {@code GET snapshots/{id}}.
	 * @param collection the first path segment
	 * @param id the second: the reload or snapshot number
	 * @return the item, or {@code null} (404) when it is not kept
	 */
	@ReadOperation
	public @Nullable OperationResponseBody item(@Selector String collection, @Selector String id) {
		return switch (collection) {
			case HISTORY -> historyRecord(number(id));
			case SNAPSHOTS -> snapshot(number(id));
			default -> null;
		};
	}

	/**
	 * {@code GET snapshots/{from}/{to}}.
	 * @param collection the first path segment, {@code snapshots}
	 * @param from the earlier snapshot's number
	 * @param to the later snapshot's number
	 * @return the difference, or {@code null} (404) for another collection or a snapshot
	 * not kept
	 */
	@ReadOperation
	public @Nullable SnapshotDiffDescriptor diff(@Selector String collection, @Selector String from,
			@Selector String to) {
		return SNAPSHOTS.equals(collection) ? snapshotDiff(number(from), number(to)) : null;
	}

	/**
	 * {@code POST restart}, {@code POST hotswap} (or {@code hot-swap}) or
	 * {@code POST snapshots}. A path rather than a body names the action, so that a plain
	 * {@code curl -X POST} works.
	 * @param action the path segment
	 * @return the acknowledgement, or the snapshot
	 */
	@WriteOperation
	public OperationResponseBody act(@Selector String action) {
		return switch (action.toLowerCase(Locale.ROOT)) {
			case "restart" -> requestRestart();
			case "hotswap", "hot-swap" -> requestHotSwap();
			case SNAPSHOTS -> takeSnapshot();
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "'",
					"Unknown action '" + action + "': use 'restart', 'hotswap' or 'snapshots'");
		};
	}

	/**
	 * {@code DELETE history}.
	 * @param collection the path segment, {@code history}
	 * @return how many records were forgotten, or {@code null} (404) for another
	 * collection
	 */
	@DeleteOperation
	public @Nullable HistoryClearedDescriptor clear(@Selector String collection) {
		return HISTORY.equals(collection) ? clearHistory() : null;
	}

	private static long number(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			// Never kept: answered as unknown (404).
			logger.debug("Not a reload or snapshot number: '" + id + "'", ex);
			return -1;
		}
	}

}
