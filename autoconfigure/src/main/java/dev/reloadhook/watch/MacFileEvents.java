package dev.reloadhook.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * File changes from {@code io.methvin:directory-watcher}: on macOS, the FSEvents API
 * (through JNA) that the JDK's {@code WatchService} does not use; elsewhere the library
 * wraps the JDK's own service.
 *
 * @author reload-hook
 */
final class MacFileEvents implements FileEvents {

	private static final Log logger = LogFactory.getLog(MacFileEvents.class);

	private @Nullable DirectoryWatcher watcher;

	@Override
	public void start(List<Path> roots, Consumer<ChangedFile> sink) {
		List<Path> existing = roots.stream().filter(java.nio.file.Files::isDirectory).toList();
		try {
			DirectoryWatcher started = DirectoryWatcher.builder()
				.paths(existing)
				// No hashing: it reads every file at start; size and time checks are done by
				// the watcher itself.
				.fileHashing(false)
				.listener((event) -> onEvent(event, sink))
				.build();
			this.watcher = started;
			started.watchAsync(
					(task) -> newThread(task).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot watch " + existing, ex);
		}
	}

	private static Thread newThread(Runnable task) {
		Thread thread = new Thread(task, "reload-hook-watch-fsevents");
		thread.setDaemon(true);
		thread.setContextClassLoader(MacFileEvents.class.getClassLoader());
		return thread;
	}

	private static void onEvent(DirectoryChangeEvent event, Consumer<ChangedFile> sink) {
		Path root = event.rootPath();
		Path path = event.path();
		if (root == null || path == null) {
			return;
		}
		switch (event.eventType()) {
			case CREATE -> {
				if (!event.isDirectory()) {
					sink.accept(new ChangedFile(root, path, ChangedFile.Kind.ADDED));
				}
			}
			case MODIFY -> {
				if (!event.isDirectory()) {
					sink.accept(new ChangedFile(root, path, ChangedFile.Kind.MODIFIED));
				}
			}
			case DELETE -> sink.accept(new ChangedFile(root, path, ChangedFile.Kind.DELETED));
			case OVERFLOW -> sink.accept(new ChangedFile(root, root, ChangedFile.Kind.MODIFIED));
			default -> {
			}
		}
	}

	@Override
	public String description() {
		return "file system events (FSEvents)";
	}

	@Override
	public void close() {
		DirectoryWatcher current = this.watcher;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException ex) {
				// closing anyway
				logger.debug("Could not close the file event stream; closing anyway", ex);
			}
		}
	}

}
