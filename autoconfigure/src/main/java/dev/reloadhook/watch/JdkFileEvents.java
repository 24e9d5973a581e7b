package dev.reloadhook.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * File changes from the JDK's {@link WatchService}: the operating system's events on
 * Linux (inotify) and Windows; on macOS the JDK polls (every 10 s by default).
 *
 * @author reload-hook
 */
final class JdkFileEvents implements FileEvents {

	private static final Log logger = LogFactory.getLog(JdkFileEvents.class);

	private final WatchService watchService;

	private final Map<WatchKey, Registration> registrations = new ConcurrentHashMap<>();

	private volatile @Nullable Thread thread;

	private volatile @Nullable Consumer<ChangedFile> sink;

	JdkFileEvents() {
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a WatchService", ex);
		}
	}

	@Override
	public void start(List<Path> roots, Consumer<ChangedFile> sink) {
		this.sink = sink;
		for (Path root : roots) {
			if (Files.isDirectory(root)) {
				registerTree(root, root, null, sink);
			}
		}
		Thread reader = new Thread(() -> run(sink), "reload-hook-watch-events");
		reader.setDaemon(true);
		reader.setContextClassLoader(JdkFileEvents.class.getClassLoader());
		this.thread = reader;
		reader.start();
	}

	@Override
	public void rewatch(Path root) {
		Consumer<ChangedFile> sink = this.sink;
		if (sink != null && Files.isDirectory(root)) {
			registerTree(root, root, ChangedFile.Kind.ADDED, sink);
		}
	}

	@Override
	public String description() {
		return "file system events";
	}

	@Override
	public void close() {
		this.thread = null;
		try {
			this.watchService.close();
		}
		catch (IOException ex) {
			logger.debug("Failed to close the watch service", ex);
		}
	}

	private void run(Consumer<ChangedFile> sink) {
		try {
			while (this.thread != null) {
				collect(this.watchService.take(), sink);
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// closed
			logger.debug("File events stopped: the watch service was closed", ex);
		}
	}

	private void collect(WatchKey key, Consumer<ChangedFile> sink) {
		Registration registration = this.registrations.get(key);
		for (WatchEvent<?> event : key.pollEvents()) {
			if (registration == null) {
				continue;
			}
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				logger.warn("Too many file changes at once in " + registration.directory()
						+ ": reloading everything below it");
				sink.accept(new ChangedFile(registration.root(), registration.directory(), ChangedFile.Kind.MODIFIED));
				continue;
			}
			Path path = registration.directory().resolve((Path) event.context());
			if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
				registerTree(registration.root(), path, ChangedFile.Kind.ADDED, sink);
			}
			else if (!Files.isDirectory(path)) {
				sink.accept(new ChangedFile(registration.root(), path, kindOf(event)));
			}
		}
		if (!key.reset()) {
			this.registrations.remove(key);
			if (registration != null && registration.directory().equals(registration.root())) {
				// The root itself is gone (a clean build): the watcher waits for the build.
				sink.accept(new ChangedFile(registration.root(), registration.root(), ChangedFile.Kind.DELETED));
			}
		}
	}

	private static ChangedFile.Kind kindOf(WatchEvent<?> event) {
		if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
			return ChangedFile.Kind.ADDED;
		}
		return (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) ? ChangedFile.Kind.DELETED
				: ChangedFile.Kind.MODIFIED;
	}

	private void registerTree(Path root, Path directory, ChangedFile.@Nullable Kind existingFiles,
			Consumer<ChangedFile> sink) {
		try {
			Files.walkFileTree(directory, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
					WatchKey key = dir.register(JdkFileEvents.this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
							StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
					JdkFileEvents.this.registrations.put(key, new Registration(root, dir));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					// Files written into a new directory before it was registered.
					if (existingFiles != null) {
						sink.accept(new ChangedFile(root, file, existingFiles));
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			logger.warn("Cannot watch " + directory + ": " + ex.getMessage());
		}
	}

	private record Registration(Path root, Path directory) {
	}

}
