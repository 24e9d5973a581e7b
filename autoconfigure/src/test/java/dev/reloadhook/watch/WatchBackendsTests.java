package dev.reloadhook.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the {@link ClassDirectoryWatcher} detects changes (events, polling forced or chosen
 * by the probe, the macOS backend's adapter) and the trigger file. Run on Linux; the
 * FSEvents backend itself only runs on macOS.
 */
class WatchBackendsTests {

	private static final Duration QUIET = Duration.ofMillis(50);

	@TempDir
	Path root;

	private final BlockingQueue<ChangeSet> changes = new LinkedBlockingQueue<>();

	private ClassDirectoryWatcher watcher;

	@AfterEach
	void close() {
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

	@Test
	void pollingFindsAddedChangedAndDeletedFilesInNewDirectories() throws Exception {
		Path existing = Files.writeString(this.root.resolve("application.properties"), "a=1");
		watch(new WatchOptions(Duration.ofMillis(50), false, null), JdkFileEvents::new);
		assertThat(this.watcher.detection()).isEqualTo("polling every 50 ms");
		Path pkg = Files.createDirectories(this.root.resolve("com/example"));
		Path one = pkg.resolve("one.txt");
		Files.writeString(one, "one");
		Files.writeString(existing, "a=22");
		assertThat(names(next())).containsExactlyInAnyOrder("com/example/one.txt:ADDED",
				"application.properties:MODIFIED");
		Files.delete(one);
		assertThat(names(next())).containsExactly("com/example/one.txt:DELETED");
	}

	@Test
	void probeWhoseEventNeverComesSwitchesToPolling() throws Exception {
		// A file system whose events never arrive: a Docker bind mount, say.
		watch(new WatchOptions(null, true, null), SilentEvents::new);
		assertThat(this.watcher.detection()).isEqualTo("file system events");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.watcher.detection().startsWith("polling"));
		assertThat(Files.exists(this.root.resolve(ClassDirectoryWatcher.PROBE_FILE))).isFalse();
		Files.writeString(this.root.resolve("application.properties"), "a=1");
		assertThat(names(next())).containsExactly("application.properties:ADDED");
	}

	@Test
	void probeWhoseEventComesKeepsEventsAndIsNeverReported() throws Exception {
		watch(new WatchOptions(null, true, null), JdkFileEvents::new);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !Files.exists(this.root.resolve(ClassDirectoryWatcher.PROBE_FILE)));
		Files.writeString(this.root.resolve("application.properties"), "a=1");
		assertThat(names(next())).containsExactly("application.properties:ADDED");
		assertThat(this.watcher.detection()).isEqualTo("file system events");
		assertThat(this.changes).isEmpty();
	}

	@Test
	void directoryWatcherBackendReportsChanges() throws Exception {
		// On Linux the library wraps the JDK's WatchService: this runs the adapter, not
		// FSEvents.
		watch(new WatchOptions(null, false, null), MacFileEvents::new);
		Path pkg = Files.createDirectories(this.root.resolve("com/example"));
		Files.writeString(pkg.resolve("one.txt"), "one");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ChangeSet changeSet = next();
			assertThat(names(changeSet)).contains("com/example/one.txt:ADDED");
		});
	}

	@Test
	void changesAreCollectedUntilTheTriggerFileChanges() throws Exception {
		Path trigger = Files.writeString(this.root.resolve(".reloadtrigger"), "0");
		watch(new WatchOptions(null, false, ".reloadtrigger"), JdkFileEvents::new);
		Path pkg = Files.createDirectories(this.root.resolve("com/example"));
		Files.writeString(pkg.resolve("one.txt"), "one");
		Files.writeString(this.root.resolve("application.properties"), "a=1");
		// Many quiet periods later, still nothing.
		assertThat(this.changes.poll(QUIET.toMillis() * 20, TimeUnit.MILLISECONDS)).isNull();
		Files.writeString(trigger, "1");
		assertThat(names(next())).containsExactlyInAnyOrder("com/example/one.txt:ADDED",
				"application.properties:ADDED");
		// The trigger alone reloads too.
		Files.writeString(trigger, "2");
		assertThat(names(next())).containsExactly(".reloadtrigger:MODIFIED");
	}

	private void watch(WatchOptions options, Supplier<FileEvents> nativeEvents) {
		this.watcher = new ClassDirectoryWatcher(List.of(this.root), QUIET, (name) -> false, this.changes::add,
				options, nativeEvents);
		this.watcher.start();
	}

	private ChangeSet next() throws InterruptedException {
		ChangeSet changeSet = this.changes.poll(30, TimeUnit.SECONDS);
		assertThat(changeSet).as("a change set").isNotNull();
		return changeSet;
	}

	private static List<String> names(ChangeSet changeSet) {
		return changeSet.files().stream().map((file) -> file.relativeName() + ":" + file.kind()).toList();
	}

	/** File events that never arrive. */
	private static final class SilentEvents implements FileEvents {

		@Override
		public void start(List<Path> roots, Consumer<ChangedFile> sink) {
		}

		@Override
		public String description() {
			return "file system events";
		}

		@Override
		public void close() {
		}

	}

}
