package dev.reloadhook.observe.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.reloadhook.observe.leak.LeakHolder;
import dev.reloadhook.observe.leak.LeakSuspect;
import dev.reloadhook.observe.snapshot.Snapshots;
import dev.reloadhook.reload.FakeReloads;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadPhase;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.RequestedTier;
import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.retain.RetainedResources;
import dev.reloadhook.retain.RetainedResources.RetainedResourceDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReloadEndpoint}, used directly over a reload state set by each test.
 */
class ReloadEndpointTests {

	private final FakeReloads reloads = new FakeReloads();

	private final Snapshots snapshots = new Snapshots(this.reloads, new RetainedResources(), 10, true);

	private final List<LeakSuspect> leaks = new ArrayList<>();

	private final List<RetainedResourceDescriptor> retained = new ArrayList<>();

	private final ReloadEndpoint endpoint = new ReloadEndpoint(this.reloads, this.reloads, this.snapshots,
			() -> List.copyOf(this.leaks), () -> List.copyOf(this.retained));

	@Test
	void createWhenStatusIsNullThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReloadEndpoint(null, this.reloads, this.snapshots, List::of, List::of))
			.withMessage("'status' must not be null");
	}

	@Test
	void createWhenRequestsIsNullThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReloadEndpoint(this.reloads, null, this.snapshots, List::of, List::of))
			.withMessage("'requests' must not be null");
	}

	@Test
	void createWhenSnapshotsIsNullThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReloadEndpoint(this.reloads, this.reloads, null, List::of, List::of))
			.withMessage("'snapshots' must not be null");
	}

	@Test
	void reloadStateBeforeAnyGenerationIsIdleWithNothingToShow() {
		ReloadStateDescriptor state = this.endpoint.reloadState();
		assertThat(state.generation()).isZero();
		assertThat(state.state()).isEqualTo("idle");
		assertThat(state.liveGenerations()).isZero();
		assertThat(state.generations()).isEmpty();
		assertThat(state.reloads().total()).isZero();
		assertThat(state.reloads().byTier()).containsOnlyKeys("no-op", "hotswap", "bean", "restart");
		assertThat(state.reloads().byTier().values()).allSatisfy(
				(byOutcome) -> assertThat(byOutcome).containsExactly(Map.entry("success", 0L), Map.entry("failure", 0L)));
		assertThat(state.durations()).isEqualTo(new DurationsDescriptor(0, 0, 0, 0));
		assertThat(state.last()).isNull();
		assertThat(state.history()).isEmpty();
		assertThat(state.retained()).isEmpty();
		assertThat(state.leaks()).isEmpty();
	}

	@Test
	void reloadStateShowsTheServingAndLiveGenerations() {
		Instant closedAt = Instant.parse("2026-01-01T10:00:00Z");
		this.reloads.serving(3)
			.reloading(true)
			.generations(new GenerationState(1, GenerationState.Status.CLOSED, 0, closedAt),
					new GenerationState(2, GenerationState.Status.RETIRING, 2, null),
					new GenerationState(3, GenerationState.Status.SERVING, 1, null));
		ReloadStateDescriptor state = this.endpoint.reloadState();
		assertThat(state.generation()).isEqualTo(3);
		assertThat(state.state()).isEqualTo("reloading");
		assertThat(state.liveGenerations()).isEqualTo(3);
		assertThat(state.generations()).containsExactly(new GenerationDescriptor(1, "closed", 0, closedAt),
				new GenerationDescriptor(2, "retiring", 2, null), new GenerationDescriptor(3, "serving", 1, null));
	}

	@Test
	void reloadStateDescribesTheLastReload() {
		Instant startedAt = Instant.parse("2026-01-01T10:00:00Z");
		this.reloads.record(new ReloadRecord(1, 1, ReloadTrigger.startup(System.nanoTime()), ReloadTier.RESTART, "first start",
				List.of(), ReloadOutcome.SUCCESS, startedAt, Duration.ofSeconds(2), Map.of(), null, 0));
		this.reloads.record(new ReloadRecord(2, 2, ReloadTrigger.manual(), ReloadTier.RESTART, "asked for a restart",
				List.of("demo.Greeting"), ReloadOutcome.FAILURE, startedAt, Duration.ofMillis(406),
				Map.of(ReloadPhase.DETECT, Duration.ofMillis(50), ReloadPhase.REFRESH, Duration.ofMillis(306)),
				"IllegalStateException: boom", 2));
		ReloadStateDescriptor state = this.endpoint.reloadState();
		assertThat(state.last()).isEqualTo(new ReloadDescriptor(2, 2, "manual", List.of(), "restart",
				"asked for a restart", List.of("demo.Greeting"), "failure", startedAt, 406,
				Map.of("detect", 50L, "refresh", 306L), 2, "IllegalStateException: boom"));
		assertThat(state.history()).extracting(ReloadDescriptor::trigger).containsExactly("startup", "manual");
		// The first start is shown, but is no reload.
		assertThat(state.reloads().total()).isEqualTo(1);
		assertThat(state.reloads().failed()).isEqualTo(1);
		assertThat(state.reloads().byTier().get("restart")).containsEntry("failure", 1L).containsEntry("success", 0L);
		assertThat(state.durations()).isEqualTo(new DurationsDescriptor(1, 406, 406, 406));
	}

	@Test
	void reloadStateShowsThePercentilesOfTheHistory() {
		for (long millis : new long[] { 400, 100, 300, 200, 1000 }) {
			this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.SUCCESS,
					Duration.ofMillis(millis), 0);
		}
		assertThat(this.endpoint.reloadState().durations()).isEqualTo(new DurationsDescriptor(5, 300, 1000, 1000));
	}

	@Test
	void requestRestartAsksForAManualRestart() {
		this.reloads.serving(4);
		ReloadRequestedDescriptor requested = this.endpoint.requestRestart();
		assertThat(requested).isEqualTo(new ReloadRequestedDescriptor(true, "restart", 4));
		assertThat(this.reloads.requested()).containsExactly(ReloadTrigger.manual(ReloadTier.RESTART));
	}

	@Test
	void requestHotSwapAsksForAManualHotSwap() {
		ReloadRequestedDescriptor requested = this.endpoint.requestHotSwap();
		assertThat(requested).isEqualTo(new ReloadRequestedDescriptor(true, "hotswap", 0));
		assertThat(this.reloads.requested()).containsExactly(ReloadTrigger.manual(ReloadTier.HOTSWAP));
	}

	@Test
	void actionsOfThePathAreTheNamedOperations() {
		assertThat(this.endpoint.act("restart")).isEqualTo(new ReloadRequestedDescriptor(true, "restart", 0));
		assertThat(this.endpoint.act("hotswap")).isEqualTo(new ReloadRequestedDescriptor(true, "hotswap", 0));
		assertThat(this.endpoint.act("Hot-Swap")).isEqualTo(new ReloadRequestedDescriptor(true, "hotswap", 0));
		assertThat(this.reloads.requested()).extracting(ReloadTrigger::requestedTier)
			.containsExactly(RequestedTier.RESTART, RequestedTier.HOTSWAP, RequestedTier.HOTSWAP);
		assertThat(this.endpoint.act("snapshots")).isInstanceOfSatisfying(SnapshotDescriptor.class,
				(snapshot) -> assertThat(snapshot.cause()).isEqualTo("requested"));
	}

	@Test
	void unknownActionIsABadRequestThatAsksForNothing() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> this.endpoint.act("fast"))
			.withMessageContaining("Unknown action 'fast'");
		assertThat(this.reloads.requested()).isEmpty();
		assertThat(this.snapshots.list()).isEmpty();
	}

	@Test
	void historyRecordsAreFoundByIdAndUnknownOnesAreNull() {
		ReloadRecord record = this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE,
				Duration.ofMillis(300), 0);
		assertThat(this.endpoint.historyRecord(record.id())).isEqualTo(ReloadDescriptor.of(record));
		assertThat(this.endpoint.historyRecord(42)).isNull();
		assertThat(this.endpoint.history().reloads()).containsExactly(ReloadDescriptor.of(record));
	}

	@Test
	void pathsOfTheHistoryAreTheNamedOperations() {
		ReloadRecord record = this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE,
				Duration.ofMillis(300), 0);
		String id = String.valueOf(record.id());
		assertThat(this.endpoint.item("history", id)).isEqualTo(this.endpoint.historyRecord(record.id()));
		assertThat(this.endpoint.item("history", "42")).isNull();
		assertThat(this.endpoint.item("history", "x")).isNull();
		assertThat(this.endpoint.item("other", id)).isNull();
		assertThat(this.endpoint.collection("history")).isEqualTo(this.endpoint.history());
		assertThat(this.endpoint.collection("other")).isNull();
		assertThat(this.endpoint.clear("snapshots")).isNull();
		assertThat(this.endpoint.clear("history")).isEqualTo(new HistoryClearedDescriptor(1));
	}

	@Test
	void clearingTheHistoryKeepsTheCounts() {
		this.reloads.record(ReloadTrigger.manual(), ReloadTier.RESTART, ReloadOutcome.FAILURE, Duration.ofMillis(300),
				0);
		assertThat(this.endpoint.reloadState().durations().count()).isEqualTo(1);
		assertThat(this.endpoint.clearHistory().cleared()).isEqualTo(1);
		ReloadStateDescriptor state = this.endpoint.reloadState();
		assertThat(state.history()).isEmpty();
		assertThat(state.last()).isNull();
		assertThat(state.durations().count()).isZero();
		assertThat(state.reloads().failed()).isEqualTo(1);
		assertThat(state.reloads().byTier().get("restart")).containsEntry("failure", 1L);
		assertThat(this.endpoint.clearHistory().cleared()).isZero();
	}

	@Test
	void snapshotsAreTakenOnDemandAndDiffed() {
		this.reloads.serving(2).generations(new GenerationState(1, GenerationState.Status.CLOSED, 0, Instant.now()),
				new GenerationState(2, GenerationState.Status.SERVING, 3, null));
		SnapshotDescriptor before = this.endpoint.takeSnapshot();
		CountDownLatch stop = new CountDownLatch(1);
		Thread started = new Thread(() -> awaitQuietly(stop), "started-between");
		started.start();
		try {
			SnapshotDescriptor taken = this.endpoint.takeSnapshot();
			assertThat(taken.cause()).isEqualTo("requested");
			assertThat(taken.reload()).isNull();
			assertThat(taken.servingGeneration()).isEqualTo(2);
			assertThat(taken.inFlightRequests()).isEqualTo(3);
			assertThat(taken.generations()).extracting(GenerationDescriptor::status).containsExactly("closed", "serving");
			assertThat(taken.threads()).extracting("name").contains("started-between");
			assertThat(this.endpoint.snapshots().snapshots()).extracting(SnapshotSummary::id)
				.containsExactly(before.id(), taken.id());
			assertThat(this.endpoint.snapshot(taken.id())).isEqualTo(taken);
			SnapshotDiffDescriptor diff = this.endpoint.snapshotDiff(before.id(), taken.id());
			assertThat(diff.diff().threadsStarted()).extracting("name").contains("started-between");
			assertThat(diff.diff().generationsNotCollected()).containsExactly(1);
			assertThat(this.endpoint.snapshotDiff(before.id(), 99)).isNull();
			assertThat(this.endpoint.snapshotDiff(99, taken.id())).isNull();
			assertThat(this.endpoint.snapshot(99)).isNull();
		}
		finally {
			stop.countDown();
		}
	}

	@Test
	void pathsOfTheSnapshotsAreTheNamedOperations() {
		SnapshotDescriptor first = this.endpoint.takeSnapshot();
		SnapshotDescriptor second = this.endpoint.takeSnapshot();
		String from = String.valueOf(first.id());
		String to = String.valueOf(second.id());
		assertThat(this.endpoint.collection("snapshots")).isEqualTo(this.endpoint.snapshots());
		assertThat(this.endpoint.item("snapshots", to)).isEqualTo(second);
		assertThat(this.endpoint.item("snapshots", "x")).isNull();
		assertThat(this.endpoint.diff("snapshots", from, to)).isEqualTo(this.endpoint.snapshotDiff(first.id(),
				second.id()));
		assertThat(this.endpoint.diff("snapshots", from, "x")).isNull();
		assertThat(this.endpoint.diff("history", from, to)).isNull();
	}

	@Test
	void leaksAndRetainedResourcesAreShownAsTheirSourcesDescribeThem() {
		Instant closedAt = Instant.parse("2026-01-01T10:00:00Z");
		Instant detectedAt = closedAt.plusSeconds(5);
		this.leaks.add(new LeakSuspect(2, closedAt, detectedAt, 3,
				List.of(new LeakHolder(LeakHolder.Kind.THREAD_LOCAL, "ThreadLocal of demo.Cache")), null));
		RetainedResourceDescriptor pool = new RetainedResourceDescriptor("dataSource", "HikariDataSource",
				"retained", 1, 3, Map.of("active", 0));
		this.retained.add(pool);
		LeakDescriptor expected = new LeakDescriptor(2, closedAt, detectedAt, 3,
				List.of(new HolderDescriptor("thread-local", "ThreadLocal of demo.Cache")), null,
				LeakHolder.Kind.THREAD_LOCAL.hint());
		assertThat(this.endpoint.leaks().leaks()).containsExactly(expected);
		assertThat(this.endpoint.collection("leaks")).isEqualTo(this.endpoint.leaks());
		ReloadStateDescriptor state = this.endpoint.reloadState();
		assertThat(state.leaks()).containsExactly(expected);
		assertThat(state.retained()).containsExactly(pool);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
