package dev.reloadhook.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.classify.ClassFingerprints;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.MainMethod;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.watch.ChangedFile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReloadCoordinator} with fake tiers over real class files compiled with
 * {@code javax.tools}: which tier runs for which change, the fallbacks, merging of
 * requests, and what is recorded.
 */
class ReloadCoordinatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String GREETER = """
			package demo;
			public class Greeter {
				public String greet() {
					return "hello";
				}
			}
			""";

	@TempDir
	Path temp;

	private SourceProject project;

	private final FakeServing serving = new FakeServing();

	private final FakeTier beans = new FakeTier("beans");

	private final FakeTier hotSwap = new FakeTier("hot swap");

	private final FakeTier restart = new FakeTier("restart");

	private final ReloadHistory history = new ReloadHistory(50);

	private final GenerationListeners listeners = new GenerationListeners();

	private @Nullable ReloadCoordinator coordinator;

	@BeforeEach
	void startWithOneServingGeneration() throws Exception {
		this.project = new SourceProject(this.temp.resolve("classes"));
		this.project.source("demo.Main", "package demo; public class Main { public static void main(String[] args) { } }")
			.source("demo.Greeter", GREETER)
			.compileAll();
		// The restart tier starts the next generation, which then serves.
		this.restart.result = (selection) -> TierResult.applied(this.serving.next());
		this.beans.wants = false;
		ClassFingerprints fingerprints = new ClassFingerprints();
		ChangeClassifier classifier = new ChangeClassifier(fingerprints);
		HotSwapAvailability available = new HotSwapAvailability() {

			@Override
			public @Nullable String unavailableReason() {
				return null;
			}

			@Override
			public boolean isDebuggerAttached() {
				return false;
			}

		};
		this.coordinator = new ReloadCoordinator(new ReloadCoordinator.Tiers(this.beans, this.hotSwap, this.restart),
				new TierSelector(classifier, available), classifier, fingerprints, this.serving, this.history,
				this.listeners, new ReloadSettings(new ReloadHookProperties()), new MainMethod("demo.Main"),
				ClassDirectories.fromClassPath(this.project.classes().toString()));
		// As if the first generation had been launched a minute before the coordinator started.
		coordinator().start(System.nanoTime() - Duration.ofMinutes(1).toNanos());
		awaitRecords(1);
	}

	@AfterEach
	void shutdown() {
		coordinator().shutdown();
	}

	@Test
	void startupRestartsAndRecordsTheGenerationThatServes() {
		ReloadRecord startup = this.history.last();
		assertThat(startup.trigger().type()).isEqualTo(ReloadTrigger.Type.STARTUP);
		assertThat(startup.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(startup.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(startup.generation()).isEqualTo(1);
		assertThat(this.restart.calls).hasSize(1);
		assertThat(this.hotSwap.calls).isEmpty();
		// Counted from the launch, so that its refresh is never longer than its total.
		assertThat(startup.duration()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aMethodBodyChangeIsHotSwappedInTheServingGeneration() {
		this.hotSwap.result = (selection) -> TierResult.applied(this.serving.generation.get());
		coordinator().requestReload(changeGreeter("return \"hi\";"));
		ReloadRecord reload = awaitRecords(2);
		assertThat(reload.tier()).isEqualTo(ReloadTier.HOTSWAP);
		assertThat(reload.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(reload.generation()).isEqualTo(1);
		assertThat(reload.classes()).containsExactly("demo.Greeter");
		assertThat(this.restart.calls).hasSize(1);
	}

	@Test
	void aRefusedHotSwapRestartsWithTheRefusalAsReason() {
		this.hotSwap.result = (selection) -> TierResult.notApplicable("hot swap refused: schema change");
		coordinator().requestReload(changeGreeter("return \"hi\";"));
		ReloadRecord reload = awaitRecords(2);
		assertThat(reload.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(reload.reason()).isEqualTo("hot swap refused: schema change");
		assertThat(reload.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(reload.generation()).isEqualTo(2);
		assertThat(this.hotSwap.calls).hasSize(1);
		assertThat(this.restart.calls).hasSize(2);
	}

	@Test
	void aStructuralChangeTriesTheBeanTierFirstAndRestartsWhenItRefuses() {
		this.beans.wants = true;
		this.beans.result = (selection) -> TierResult.notApplicable("demo.Greeter is no bean");
		coordinator().requestReload(changeGreeter("return \"hi\"; } public int extra() { return 1;"));
		ReloadRecord reload = awaitRecords(2);
		assertThat(this.beans.calls).hasSize(1);
		assertThat(this.beans.calls.get(0).structural()).isTrue();
		assertThat(reload.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(reload.reason()).isEqualTo("the structure of demo.Greeter changed; not for the bean tier: "
				+ "demo.Greeter is no bean");
		assertThat(reload.generation()).isEqualTo(2);
		assertThat(this.hotSwap.calls).isEmpty();
	}

	@Test
	void aStructuralChangeTheBeanTierAppliesNeedsNoRestart() {
		this.beans.wants = true;
		this.beans.result = (selection) -> TierResult.applied(this.serving.generation.get());
		coordinator().requestReload(changeGreeter("return \"hi\"; } public int extra() { return 1;"));
		ReloadRecord reload = awaitRecords(2);
		assertThat(reload.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(reload.generation()).isEqualTo(1);
		assertThat(this.restart.calls).hasSize(1);
	}

	@Test
	void afterAFailedRestartOnlyARestartMayFollowUntilOneSucceeds() {
		this.restart.result = (selection) -> TierResult.failed(2, "BeanCreationException: no");
		coordinator().requestReload(ReloadTrigger.manual());
		ReloadRecord failed = awaitRecords(2);
		assertThat(failed.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(failed.error()).isEqualTo("BeanCreationException: no");
		assertThat(failed.generation()).isEqualTo(2);
		this.hotSwap.result = (selection) -> TierResult.applied(1);
		this.beans.wants = true;
		this.restart.result = (selection) -> TierResult.applied(this.serving.next());
		coordinator().requestReload(changeGreeter("return \"hi\";"));
		ReloadRecord owed = awaitRecords(3);
		assertThat(owed.tier()).isEqualTo(ReloadTier.RESTART);
		assertThat(owed.reason()).isEqualTo("an earlier change has not started yet");
		assertThat(owed.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.hotSwap.calls).isEmpty();
		assertThat(this.beans.calls).isEmpty();
		this.beans.wants = false;
		coordinator().requestReload(changeGreeter("return \"hey\";"));
		assertThat(awaitRecords(4).tier()).isEqualTo(ReloadTier.HOTSWAP);
	}

	@Test
	void requestsMadeWhileAReloadRunsAreMergedIntoTheNextOne() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.restart.result = (selection) -> {
			entered.countDown();
			awaitLatch(release);
			return TierResult.applied(this.serving.next());
		};
		coordinator().requestReload(ReloadTrigger.manual());
		assertThat(entered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(coordinator().isReloading()).isTrue();
		coordinator().requestReload(ReloadTrigger.manual(ReloadTier.HOTSWAP));
		coordinator().requestReload(ReloadTrigger.manual());
		coordinator().requestReload(ReloadTrigger.manual(ReloadTier.HOTSWAP));
		release.countDown();
		ReloadRecord merged = awaitRecords(3);
		// The restart asked for serves the hot swaps asked for too.
		assertThat(merged.trigger().requestedTier()).isEqualTo(RequestedTier.RESTART);
		assertThat(merged.generation()).isEqualTo(3);
		await().atMost(TIMEOUT).until(() -> !coordinator().isReloading());
		assertThat(this.history.records()).hasSize(3);
		assertThat(this.restart.calls).hasSize(3);
	}

	@Test
	void aFailedCompilationIsAFailedReloadThatRunsNoTier() {
		coordinator().compiled(ReloadTrigger.files(List.of(), Duration.ofMillis(10)),
				List.of("Greeter.java:3: ';' expected", "Greeter.java:4: cannot find symbol"));
		ReloadRecord reload = awaitRecords(2);
		assertThat(reload.tier()).isEqualTo(ReloadTier.NO_OP);
		assertThat(reload.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(reload.error()).isEqualTo("2 compilation errors, first: Greeter.java:3: ';' expected");
		assertThat(reload.generation()).isEqualTo(1);
		assertThat(this.restart.calls).hasSize(1);
	}

	@Test
	void unchangedClassFilesAreANoOp() {
		coordinator().requestReload(changeGreeter("return \"hello\";"));
		ReloadRecord reload = awaitRecords(2);
		assertThat(reload.tier()).isEqualTo(ReloadTier.NO_OP);
		assertThat(reload.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.restart.calls).hasSize(1);
		assertThat(this.hotSwap.calls).isEmpty();
	}

	@Test
	void changesWhileTheBuildHasRemovedTheMainClassAreHeldAndServedOnceItIsBack() throws Exception {
		this.hotSwap.result = (selection) -> TierResult.applied(this.serving.generation.get());
		AtomicInteger started = new AtomicInteger();
		this.listeners.add(new GenerationListener() {

			@Override
			public void starting(long reload, ReloadTrigger trigger) {
				started.incrementAndGet();
			}

		});
		Path main = this.project.classFile("demo.Main");
		byte[] mainBytes = Files.readAllBytes(main);
		Files.delete(main);
		coordinator().requestReload(changeGreeter("return \"hi\";"));
		await().atMost(TIMEOUT).until(() -> coordinator().isWaitingForBuild());
		assertThat(started).hasValue(0);
		Files.write(main, mainBytes);
		coordinator().requestReload(ReloadTrigger.files(
				List.of(new ChangedFile(this.project.classes(), main, ChangedFile.Kind.ADDED)), Duration.ofMillis(5)));
		// The held change to Greeter is served with the build's last class file.
		ReloadRecord reload = awaitRecords(2);
		assertThat(reload.tier()).isEqualTo(ReloadTier.HOTSWAP);
		assertThat(reload.classes()).containsExactly("demo.Greeter");
		assertThat(started).hasValue(1);
		assertThat(coordinator().isWaitingForBuild()).isFalse();
		assertThat(this.restart.calls).hasSize(1);
	}

	@Test
	void requestsAfterShutdownAreIgnored() {
		coordinator().shutdown();
		assertThat(coordinator().isShuttingDown()).isTrue();
		// The executor is shut down: a request that reached it would be rejected.
		coordinator().requestReload(ReloadTrigger.manual());
		assertThat(this.history.records()).hasSize(1);
	}

	private ReloadTrigger changeGreeter(String body) {
		this.project.recompile("demo.Greeter", GREETER.replace("return \"hello\";", body));
		Path file = this.project.classFile("demo.Greeter");
		return ReloadTrigger.files(List.of(new ChangedFile(this.project.classes(), file, ChangedFile.Kind.MODIFIED)),
				Duration.ofMillis(5));
	}

	private ReloadRecord awaitRecords(int count) {
		await().atMost(TIMEOUT).until(() -> this.history.records().size() >= count);
		assertThat(this.history.records()).hasSize(count);
		return this.history.last();
	}

	private ReloadCoordinator coordinator() {
		ReloadCoordinator coordinator = this.coordinator;
		assertThat(coordinator).isNotNull();
		return coordinator;
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class FakeTier implements Tier {

		private final String name;

		final List<TierSelection> calls = new CopyOnWriteArrayList<>();

		volatile Function<TierSelection, TierResult> result;

		volatile boolean wants = true;

		FakeTier(String name) {
			this.name = name;
			this.result = (selection) -> {
				throw new AssertionError("the " + this.name + " tier was not expected to run");
			};
		}

		@Override
		public TierResult apply(ReloadInProgress reload, TierSelection selection) {
			this.calls.add(selection);
			return this.result.apply(selection);
		}

		@Override
		public boolean wants(TierSelection selection) {
			return this.wants;
		}

	}

	private static final class FakeServing implements Serving {

		final AtomicInteger generation = new AtomicInteger();

		int next() {
			return this.generation.incrementAndGet();
		}

		@Override
		public int servingGeneration() {
			return this.generation.get();
		}

		@Override
		public @Nullable ConfigurableApplicationContext servingContext() {
			return null;
		}

	}

}
