package dev.reloadhook.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ClassDirectoryWatcher}, with events, polling (forced and chosen by the
 * probe), the macOS backend's adapter and the trigger file. Run on Linux: FSEvents itself
 * only runs on macOS, Windows' WatchService only on Windows.
 */
class ClassDirectoryWatcherTests {

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

	private void watch(String... excludes) {
		watch(Duration.ofMillis(50), excludes);
	}

	private void watch(Duration quietPeriod, String... excludes) {
		List<String> patterns = List.of(excludes);
		this.watcher = new ClassDirectoryWatcher(List.of(this.root), quietPeriod,
				(name) -> patterns.stream().anyMatch(name::startsWith), this.changes::add);
		this.watcher.start();
	}

	private ChangeSet next() throws InterruptedException {
		ChangeSet changeSet = this.changes.poll(30, TimeUnit.SECONDS);
		assertThat(changeSet).as("a change set").isNotNull();
		return changeSet;
	}

	@Test
	void burstOfWritesIsOneChangeSet() throws Exception {
		watch();
		Path pkg = Files.createDirectories(this.root.resolve("com/example"));
		for (int i = 0; i < 30; i++) {
			Files.writeString(pkg.resolve("File" + i + ".txt"), "content " + i);
		}
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).hasSize(30);
		assertThat(changeSet.files()).allMatch((file) -> file.kind() == ChangedFile.Kind.ADDED);
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName).contains("com/example/File0.txt");
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(this.changes::isEmpty);
	}

	@Test
	void writesMadeUnreportedAreNotReportedButLaterChangesAre() throws Exception {
		Path kept = Files.writeString(this.root.resolve("kept.properties"), "k=1");
		watch();
		Path written = this.root.resolve("com/example/Written.txt");
		this.watcher.writeUnreported(List.of(written, kept), () -> {
			try {
				Files.createDirectories(written.getParent());
				Files.writeString(written, "by source mode");
				Files.delete(kept);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		// The marker comes after: had the writes been reported, they would come first.
		Files.writeString(this.root.resolve("marker.txt"), "marker");
		assertThat(next().files()).extracting(ChangedFile::relativeName).containsExactly("marker.txt");

		Files.writeString(written, "by an editor");
		assertThat(next().files()).extracting(ChangedFile::relativeName, ChangedFile::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("com/example/Written.txt", ChangedFile.Kind.MODIFIED));
	}

	@Test
	void removedRootIsWaitedForUntilTheBuildWroteItsClassesAgain() throws Exception {
		SourceProject project = new SourceProject(this.root.resolve("classes"));
		project.source("com.example.One", "package com.example; public class One { }")
			.source("com.example.Two", "package com.example; public class Two { }")
			.compileAll();
		this.watcher = new ClassDirectoryWatcher(List.of(project.classes()), Duration.ofMillis(50), (name) -> false,
				this.changes::add);
		this.watcher.start();
		org.springframework.util.FileSystemUtils.deleteRecursively(project.classes());
		// The build writes a resource first and the classes later: one change set, with
		// every class back.
		Files.createDirectories(project.classes());
		Files.writeString(project.classes().resolve("application.properties"), "a=1");
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(this.changes::isEmpty);
		project.compileAll();
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName)
			.contains("com/example/One.class", "com/example/Two.class", "application.properties");
		assertThat(changeSet.files()).noneMatch((file) -> file.kind() == ChangedFile.Kind.DELETED && file.isClassFile());
	}

	@Test
	void eventArrivingAfterItsWriteWasReportedIsNotReportedAgain() throws Exception {
		HandDeliveredEvents events = new HandDeliveredEvents();
		watch(WatchOptions.events(), () -> events);
		Path file = Files.writeString(this.root.resolve("a.properties"), "a=1");
		events.deliver(file, ChangedFile.Kind.MODIFIED);
		assertThat(names(next())).containsExactly("a.properties:MODIFIED");

		// The same write's late event (a loaded machine delivers it after the report).
		events.deliver(file, ChangedFile.Kind.MODIFIED);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(this.changes::isEmpty);

		// Another write of the same size, within the file system's time resolution.
		FileTime modified = Files.getLastModifiedTime(file);
		Files.writeString(file, "a=2");
		Files.setLastModifiedTime(file, modified);
		events.deliver(file, ChangedFile.Kind.MODIFIED);
		assertThat(names(next())).containsExactly("a.properties:MODIFIED");

		// The same bytes saved again later are reported: the listener tells there is
		// nothing to reload.
		Files.writeString(file, "a=2");
		Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 5_000));
		events.deliver(file, ChangedFile.Kind.MODIFIED);
		assertThat(names(next())).containsExactly("a.properties:MODIFIED");
	}

	@Test
	void modificationAndDeletionAreReported() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.properties"), "a=1");
		Path gone = Files.writeString(this.root.resolve("b.properties"), "b=1");
		watch();
		Files.writeString(file, "a=2");
		Files.delete(gone);
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName, ChangedFile::kind)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a.properties", ChangedFile.Kind.MODIFIED),
					org.assertj.core.groups.Tuple.tuple("b.properties", ChangedFile.Kind.DELETED));
	}

	@Test
	void fileCreatedThenDeletedInOneBurstIsNoChange() throws Exception {
		watch();
		Path temporary = Files.writeString(this.root.resolve("tmp.txt"), "x");
		Files.delete(temporary);
		Files.writeString(this.root.resolve("kept.txt"), "y");
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName).containsExactly("kept.txt");
	}

	@Test
	void excludedFilesAreIgnored() throws Exception {
		watch("static/");
		Files.createDirectories(this.root.resolve("static"));
		Files.writeString(this.root.resolve("static/app.css"), "body {}");
		Files.writeString(this.root.resolve("application.properties"), "x=1");
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName).containsExactly("application.properties");
	}

	@Test
	void halfWrittenClassFileIsWaitedFor() throws Exception {
		Path sources = this.root.resolveSibling(this.root.getFileName() + "-sources");
		SourceProject project = new SourceProject(sources);
		project.source("demo.Sample", "package demo; public class Sample { public String hi() { return \"hi\"; } }");
		project.compileAll();
		byte[] complete = Files.readAllBytes(project.classFile("demo.Sample"));
		watch();
		Path target = Files.createDirectories(this.root.resolve("demo")).resolve("Sample.class");
		Files.write(target, Arrays.copyOf(complete, complete.length / 2));
		await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3)).until(this.changes::isEmpty);
		Files.write(target, complete);
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName).containsExactly("demo/Sample.class");
		assertThat(Files.readAllBytes(target)).isEqualTo(complete);
	}

	@Test
	void deletionsAloneWaitLongerForTheFilesThatFollow() throws IOException, InterruptedException {
		Path old = Files.writeString(this.root.resolve("Old.class"), "old");
		// Deletions alone wait ten quiet periods (2 s here): room for a loaded machine.
		watch(Duration.ofMillis(200));
		Files.delete(old);
		// Written well after the normal quiet period, but within the longer wait for
		// deletions: a build that cleaned before compiling.
		await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(this.changes::isEmpty);
		Files.writeString(this.root.resolve("New.txt"), "new");
		ChangeSet changeSet = next();
		assertThat(changeSet.files()).extracting(ChangedFile::relativeName).containsExactlyInAnyOrder("Old.class",
				"New.txt");
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

	private static List<String> names(ChangeSet changeSet) {
		return changeSet.files().stream().map((file) -> file.relativeName() + ":" + file.kind()).toList();
	}

	/** File events that the test delivers. */
	private final class HandDeliveredEvents implements FileEvents {

		private volatile Consumer<ChangedFile> sink = (change) -> {
		};

		@Override
		public void start(List<Path> roots, Consumer<ChangedFile> sink) {
			this.sink = sink;
		}

		void deliver(Path file, ChangedFile.Kind kind) {
			this.sink.accept(new ChangedFile(ClassDirectoryWatcherTests.this.root, file, kind));
		}

		@Override
		public String description() {
			return "events delivered by the test";
		}

		@Override
		public void close() {
		}

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
