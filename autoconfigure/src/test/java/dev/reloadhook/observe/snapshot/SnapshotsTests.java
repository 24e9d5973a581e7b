package dev.reloadhook.observe.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.FakeReloads;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.retain.RetainedResources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link Snapshots}, over a reload state set by each test.
 */
class SnapshotsTests {

	private final FakeReloads reloads = new FakeReloads();

	@Test
	void createWhenStatusIsNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Snapshots(null, new RetainedResources(), 10, true))
			.withMessage("'status' must not be null");
	}

	@Test
	void takesOneBeforeAndAfterEachReloadButNotAroundTheFirstStart() {
		Snapshots snapshots = new Snapshots(this.reloads, new RetainedResources(), 10, true);
		snapshots.starting(1, ReloadTrigger.startup(System.nanoTime()));
		snapshots.reloaded(record(1, ReloadTrigger.startup(System.nanoTime())), null);
		snapshots.starting(2, ReloadTrigger.manual());
		snapshots.reloaded(record(2, ReloadTrigger.manual()), null);
		// The first start is no reload, but what it left is worth comparing with.
		assertThat(snapshots.list()).extracting(Snapshot::cause, Snapshot::reload)
			.containsExactly(tuple("after-reload", 1L),
					tuple("before-reload", 2L),
					tuple("after-reload", 2L));
	}

	@Test
	void takesNoneAroundReloadsWhenNotAutomatic() {
		Snapshots snapshots = new Snapshots(this.reloads, new RetainedResources(), 10, false);
		snapshots.starting(2, ReloadTrigger.manual());
		snapshots.reloaded(record(2, ReloadTrigger.manual()), null);
		assertThat(snapshots.list()).isEmpty();
		ReloadHookProperties properties = new ReloadHookProperties();
		properties.getSnapshots().setAutomatic(true);
		snapshots.configure(properties);
		snapshots.starting(3, ReloadTrigger.manual());
		assertThat(snapshots.list()).extracting(Snapshot::cause).containsExactly("before-reload");
	}

	@Test
	void keepsTheLastOnesUpToItsSize() {
		Snapshots snapshots = new Snapshots(this.reloads, new RetainedResources(), 3, false);
		for (int i = 0; i < 5; i++) {
			snapshots.take("requested", null);
		}
		assertThat(snapshots.list()).extracting(Snapshot::id).containsExactly(3L, 4L, 5L);
		assertThat(snapshots.get(2)).isNull();
		assertThat(snapshots.get(4)).extracting(Snapshot::id).isEqualTo(4L);
	}

	@Test
	void keepsAtLeastTwoToCompare() {
		Snapshots snapshots = new Snapshots(this.reloads, new RetainedResources(), 0, false);
		for (int i = 0; i < 3; i++) {
			snapshots.take("requested", null);
		}
		assertThat(snapshots.list()).extracting(Snapshot::id).containsExactly(2L, 3L);
	}

	@Test
	void readsTheReloadStateAndTheJvm() {
		this.reloads.serving(2)
			.generations(new GenerationState(1, GenerationState.Status.RETIRING, 2, null),
					new GenerationState(2, GenerationState.Status.SERVING, 3, null));
		Snapshot snapshot = new Snapshots(this.reloads, new RetainedResources(), 10, false).take("requested", null);
		assertThat(snapshot.servingGeneration()).isEqualTo(2);
		assertThat(snapshot.generations()).extracting(GenerationState::generation).containsExactly(1, 2);
		assertThat(snapshot.inFlightRequests()).isEqualTo(5);
		assertThat(snapshot.threads()).extracting(ThreadState::name).contains(Thread.currentThread().getName());
		assertThat(snapshot.loadedClasses()).isPositive();
		assertThat(snapshot.heapUsedBytes()).isPositive();
	}

	private static ReloadRecord record(long id, ReloadTrigger trigger) {
		return new ReloadRecord(id, (int) id, trigger, ReloadTier.RESTART, "test", List.of(), ReloadOutcome.SUCCESS,
				Instant.now(), Duration.ofMillis(100), Map.of(), null, 0);
	}

}
