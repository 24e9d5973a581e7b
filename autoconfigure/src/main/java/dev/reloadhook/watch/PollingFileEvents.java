package dev.reloadhook.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * File changes found by scanning the trees at a fixed interval and comparing each file's
 * size and modification time: for file systems whose events never arrive (Docker bind
 * mounts, WSL's {@code /mnt}, network file systems).
 *
 * @author reload-hook
 */
final class PollingFileEvents implements FileEvents {

	private final Duration interval;

	private volatile @Nullable Thread thread;

	PollingFileEvents(Duration interval) {
		this.interval = interval;
	}

	@Override
	public void start(List<Path> roots, Consumer<ChangedFile> sink) {
		// The first scan is the baseline, taken before start returns: nothing written after
		// it is missed.
		Map<Path, FileState> known = scan(roots);
		Thread poller = new Thread(() -> run(roots, known, sink), "reload-hook-watch-poll");
		poller.setDaemon(true);
		this.thread = poller;
		poller.start();
	}

	@Override
	public String description() {
		return "polling every " + this.interval.toMillis() + " ms";
	}

	@Override
	public void close() {
		Thread poller = this.thread;
		this.thread = null;
		if (poller != null) {
			poller.interrupt();
		}
	}

	private void run(List<Path> roots, Map<Path, FileState> baseline, Consumer<ChangedFile> sink) {
		Map<Path, FileState> known = baseline;
		while (this.thread != null && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(this.interval.toNanos());
			if (this.thread == null) {
				return;
			}
			Map<Path, FileState> now = scan(roots);
			compare(known, now, sink);
			known = now;
		}
	}

	private static void compare(Map<Path, FileState> before, Map<Path, FileState> now, Consumer<ChangedFile> sink) {
		now.forEach((path, state) -> {
			FileState previous = before.get(path);
			if (previous == null) {
				sink.accept(new ChangedFile(state.root(), path, ChangedFile.Kind.ADDED));
			}
			else if (!previous.equals(state)) {
				sink.accept(new ChangedFile(state.root(), path, ChangedFile.Kind.MODIFIED));
			}
		});
		before.forEach((path, state) -> {
			if (!now.containsKey(path)) {
				sink.accept(new ChangedFile(state.root(), path, ChangedFile.Kind.DELETED));
			}
		});
	}

	private static Map<Path, FileState> scan(List<Path> roots) {
		Map<Path, FileState> files = new HashMap<>();
		for (Path root : roots) {
			// A file deleted while scanned (mvn clean) is left out: the next scan sees what
			// is left.
			FileTrees.walk(root, (path, attributes) -> files.put(path,
					new FileState(root, attributes.size(), attributes.lastModifiedTime().toMillis())));
		}
		return files;
	}

	private record FileState(Path root, long size, long modified) {
	}

}
