package dev.reloadhook.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ClassDirectoryWatcher}.
 */
class ClassDirectoryWatcherTests {

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

}
