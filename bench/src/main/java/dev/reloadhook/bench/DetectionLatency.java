package dev.reloadhook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.watch.ChangeSet;
import dev.reloadhook.watch.ClassDirectoryWatcher;
import dev.reloadhook.watch.WatchOptions;

/**
 * Change detection latency: the time from a file write to the watcher seeing it (the
 * change set's first change), with file system events and with polling. Usage:
 * {@code bench/scripts/detection-latency.sh} (N writes per mode, default 30).
 */
public final class DetectionLatency {

	private DetectionLatency() {
	}

	public static void main(String[] args) throws Exception {
		int n = Integer.parseInt(System.getProperty("n", "30"));
		Path root = Files.createTempDirectory("detection-latency");
		System.out.println("| detection | writes | median ms | p95 ms | max ms |");
		System.out.println("|---|---|---|---|---|");
		measure(root, "events (" + System.getProperty("os.name") + ")", WatchOptions.events(), n);
		measure(root, "polling 500 ms (default fallback)", new WatchOptions(Duration.ofMillis(500), false, null), n);
		measure(root, "polling 100 ms", new WatchOptions(Duration.ofMillis(100), false, null), n);
	}

	private static void measure(Path root, String name, WatchOptions options, int n) throws Exception {
		BlockingQueue<ChangeSet> changes = new LinkedBlockingQueue<>();
		try (ClassDirectoryWatcher watcher = new ClassDirectoryWatcher(List.of(root), Duration.ofMillis(20),
				(file) -> false, changes::add, options)) {
			watcher.start();
			List<Long> micros = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				// Writes land at random points of a polling interval, as saves do.
				TimeUnit.MILLISECONDS.sleep(150 + (long) (Math.random() * 400));
				// A late second report of the previous write (a poll that saw it half done)
				// is not this write's.
				changes.clear();
				Instant written = Instant.now();
				Files.writeString(root.resolve("File.txt"), name + i);
				ChangeSet changeSet = changes.poll(60, TimeUnit.SECONDS);
				if (changeSet == null) {
					throw new IllegalStateException(name + ": no change seen");
				}
				while (changeSet.firstChange().isBefore(written)) {
					changeSet = changes.poll(60, TimeUnit.SECONDS);
					if (changeSet == null) {
						throw new IllegalStateException(name + ": no change seen");
					}
				}
				micros.add(Duration.between(written, changeSet.firstChange()).toNanos() / 1000);
			}
			long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", name, n, sorted[sorted.length / 2] / 1000.0,
					sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1000.0, sorted[sorted.length - 1] / 1000.0);
			System.out.flush();
			Arrays.fill(sorted, 0);
		}
	}

}
