package dev.reloadhook.observe.endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.reloadhook.boot.ActiveRuntime;
import dev.reloadhook.boot.ReloadRuntime;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.retain.RetainedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReloadEndpoint}, used directly.
 */
class ReloadEndpointTests {

	@TempDir
	Path temp;

	@Test
	void createWhenStateIsNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadEndpoint(null, (trigger) -> {
		}, new RetainedResources())).withMessage("'state' must not be null");
	}

	@Test
	void reloadBeforeAnyGenerationIsIdleWithNothingToShow() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		ReloadEndpoint.ReloadStateDescriptor state = endpoint.reload();
		assertThat(state.generation()).isZero();
		assertThat(state.state()).isEqualTo("idle");
		assertThat(state.reloads().total()).isZero();
		assertThat(state.last()).isNull();
		assertThat(state.history()).isEmpty();
	}

	@Test
	void triggerRunsAReloadWhoseFailureIsShown() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		assertThat(endpoint.trigger().requested()).isTrue();
		// The record is complete before the coordinator is idle again.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> endpoint.reload().reloads().failed() == 1 && "idle".equals(endpoint.reload().state()));
		ReloadEndpoint.ReloadStateDescriptor state = endpoint.reload();
		assertThat(state.last()).isNotNull();
		assertThat(state.last().trigger()).isEqualTo("manual");
		assertThat(state.last().outcome()).isEqualTo("failure");
		assertThat(state.last().error()).isEqualTo("ClassNotFoundException: no.such.Main");
		assertThat(state.last().phasesMs()).containsKey("refresh");
		assertThat(state.generation()).isZero();
		assertThat(state.state()).isEqualTo("idle");
	}

	@Test
	void hotSwapAskedForWhileNothingServesFailsWithoutRestarting() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		assertThat(((ReloadEndpoint.ReloadRequestedDescriptor) endpoint.act("hotswap")).tier()).isEqualTo("hotswap");
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.reload().reloads().failed() == 1);
		ReloadEndpoint.ReloadDescriptor last = endpoint.reload().last();
		assertThat(last.tier()).isEqualTo("no-op");
		assertThat(last.error()).isEqualTo("cannot hot swap: nothing is serving; request a restart to apply it");
		assertThat(last.phasesMs()).doesNotContainKey("refresh");
	}

	@Test
	void unknownActionIsABadRequest() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.act("fast"))
			.withMessageContaining("Unknown action 'fast'");
	}

	@Test
	void historyItemsAreFoundByIdAndUnknownOnesAreNull() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		endpoint.trigger();
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.reload().reloads().failed() == 1);
		long id = endpoint.reload().last().id();
		assertThat(endpoint.item("history", String.valueOf(id))).isInstanceOf(ReloadEndpoint.ReloadDescriptor.class);
		assertThat(endpoint.item("history", "42")).isNull();
		assertThat(endpoint.item("history", "x")).isNull();
		assertThat(endpoint.item("other", String.valueOf(id))).isNull();
		assertThat(endpoint.collection("other")).isNull();
		assertThat(((ReloadEndpoint.HistoryDescriptor) endpoint.collection("history")).reloads()).hasSize(1);
	}

	@Test
	void clearingTheHistoryKeepsTheCounts() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		endpoint.trigger();
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.reload().reloads().failed() == 1);
		assertThat(endpoint.reload().durations().count()).isEqualTo(1);
		assertThat(endpoint.clear("history").cleared()).isEqualTo(1);
		assertThat(endpoint.clear("snapshots")).isNull();
		ReloadEndpoint.ReloadStateDescriptor state = endpoint.reload();
		assertThat(state.history()).isEmpty();
		assertThat(state.durations().count()).isZero();
		assertThat(state.reloads().failed()).isEqualTo(1);
		assertThat(state.reloads().byTier().get("restart")).containsEntry("failure", 1L);
	}

	@Test
	void snapshotsAreTakenAroundReloadsAndOnDemandAndDiffed() throws Exception {
		ReloadEndpoint endpoint = endpoint();
		endpoint.trigger();
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.reload().reloads().failed() == 1);
		List<ReloadEndpoint.SnapshotSummary> automatic = ((ReloadEndpoint.SnapshotsDescriptor) endpoint
			.collection("snapshots")).snapshots();
		assertThat(automatic).extracting(ReloadEndpoint.SnapshotSummary::cause)
			.containsExactly("before-reload", "after-reload");
		CountDownLatch stop = new CountDownLatch(1);
		Thread started = new Thread(() -> awaitQuietly(stop), "started-between");
		started.start();
		try {
			ReloadEndpoint.SnapshotDescriptor taken = (ReloadEndpoint.SnapshotDescriptor) endpoint.act("snapshots");
			assertThat(taken.cause()).isEqualTo("requested");
			assertThat(taken.threads()).extracting("name").contains("started-between");
			ReloadEndpoint.SnapshotDiffDescriptor diff = endpoint.diff("snapshots",
					String.valueOf(automatic.get(0).id()), String.valueOf(taken.id()));
			assertThat(diff.diff().threadsStarted()).extracting("name").contains("started-between");
			// The failed generation is closed; whether it is collected yet is up to the GC.
			assertThat(diff.diff().generationsNotCollected()).isEqualTo(taken.generations()
				.stream()
				.filter((generation) -> generation.status().equals("closed"))
				.map(ReloadEndpoint.GenerationDescriptor::generation)
				.toList());
			assertThat(endpoint.diff("snapshots", "1", "99")).isNull();
			assertThat(endpoint.diff("history", "1", "2")).isNull();
			assertThat(endpoint.item("snapshots", String.valueOf(taken.id()))).isNotNull();
		}
		finally {
			stop.countDown();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ReloadEndpoint endpoint() throws Exception {
		ReloadRuntime runtime = ActiveRuntime.create(this.temp, new ReloadHookProperties());
		return new ReloadEndpoint(runtime.state(), runtime.coordinator(), runtime.retainedResources());
	}

}
