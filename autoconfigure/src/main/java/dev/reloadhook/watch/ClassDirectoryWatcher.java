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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches directory trees with a {@link WatchService} (no polling) and reports each burst of
 * changes as one {@link ChangeSet} once no change has been seen for the quiet period. Class
 * files that are still being written are waited for, never reported half-written.
 *
 * @author reload-hook
 */
public final class ClassDirectoryWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClassDirectoryWatcher.class);

	/** How many extra quiet periods to wait for a class file a compiler is still writing. */
	private static final int INCOMPLETE_RETRIES = 20;

	/** Deletions alone usually mean a build is about to write new files: wait longer. */
	private static final int DELETION_QUIET_FACTOR = 10;

	/** How long a rebuilt root may stay without changes while class files are still missing. */
	private static final Duration REBUILD_WAIT = Duration.ofSeconds(10);

	private final List<Path> roots;

	private final Duration quietPeriod;

	private final Predicate<String> excluded;

	private final ChangeListener listener;

	private final WatchService watchService;

	private final Map<WatchKey, Registration> registrations = new ConcurrentHashMap<>();

	private final Map<Path, ChangedFile> pending = new LinkedHashMap<>();

	private final Map<Path, FileState> unreported = new ConcurrentHashMap<>();

	/** Roots that were removed (a clean build) and written again since. */
	private final Set<Path> rebuilt = new HashSet<>();

	private final Set<Path> removed = new HashSet<>();

	/** The roots that existed at start: only their removal means a clean build. */
	private final Set<Path> watchedRoots = ConcurrentHashMap.newKeySet();

	private @Nullable Instant firstChange;

	private long lastChangeNanos;

	private long lastEventNanos;

	private int incompleteRetries;

	private volatile @Nullable Thread thread;

	/**
	 * Create a watcher.
	 * @param roots the directories to watch, recursively
	 * @param quietPeriod how long no change must be seen before a change set is reported
	 * @param excluded which relative names (e.g. {@code static/app.css}) to ignore
	 * @param listener receives the change sets
	 */
	public ClassDirectoryWatcher(List<Path> roots, Duration quietPeriod, Predicate<String> excluded,
			ChangeListener listener) {
		this.roots = List.copyOf(roots);
		this.quietPeriod = quietPeriod;
		this.excluded = excluded;
		this.listener = listener;
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a WatchService", ex);
		}
	}

	/**
	 * Register the directories and start watching on a daemon thread.
	 */
	public void start() {
		for (Path root : this.roots) {
			if (Files.isDirectory(root)) {
				registerTree(root, root, null);
				this.watchedRoots.add(root);
			}
		}
		Thread watcher = new Thread(this::run, "reload-hook-watcher");
		watcher.setDaemon(true);
		watcher.setContextClassLoader(ClassDirectoryWatcher.class.getClassLoader());
		this.thread = watcher;
		watcher.start();
	}

	@Override
	public void close() {
		Thread watcher = this.thread;
		this.thread = null;
		try {
			this.watchService.close();
		}
		catch (IOException ex) {
			logger.debug("Failed to close the watch service", ex);
		}
		if (watcher != null) {
			watcher.interrupt();
		}
	}

	/**
	 * Write files in the watched directories without reporting them: the writer reports
	 * them itself, as one change set (source mode tells the coordinator which class files
	 * a compilation wrote). Events for these files are ignored while they are written and
	 * afterwards as long as the files stay as the writer left them; a later change is
	 * reported as usual.
	 * @param files the files that will be written or deleted
	 * @param writes writes them
	 */
	public void writeUnreported(Collection<Path> files, Runnable writes) {
		files.forEach((file) -> this.unreported.put(file, FileState.WRITING));
		try {
			writes.run();
		}
		finally {
			files.forEach((file) -> this.unreported.put(file, FileState.of(file)));
		}
	}

	private boolean isUnreported(Path path) {
		FileState state = this.unreported.get(path);
		if (state == null) {
			return false;
		}
		if (state == FileState.WRITING || state.equals(FileState.of(path))) {
			return true;
		}
		this.unreported.remove(path, state);
		return false;
	}

	private void run() {
		try {
			while (this.thread != null) {
				WatchKey key = nextKey();
				if (key != null) {
					collect(key);
				}
				else if (!this.pending.isEmpty() && System.nanoTime() - this.lastChangeNanos >= quietNanos()) {
					report();
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// closed
		}
	}

	private @Nullable WatchKey nextKey() throws InterruptedException {
		if (this.pending.isEmpty()) {
			return this.watchService.take();
		}
		long remaining = quietNanos() - (System.nanoTime() - this.lastChangeNanos);
		return (remaining > 0) ? this.watchService.poll(remaining, TimeUnit.NANOSECONDS) : null;
	}

	private long quietNanos() {
		long quiet = this.quietPeriod.toNanos();
		return isOnlyDeletions() ? quiet * DELETION_QUIET_FACTOR : quiet;
	}

	private boolean isOnlyDeletions() {
		return this.pending.values().stream().allMatch((file) -> file.kind() == ChangedFile.Kind.DELETED);
	}

	private void collect(WatchKey key) {
		Registration registration = this.registrations.get(key);
		for (WatchEvent<?> event : key.pollEvents()) {
			if (registration == null) {
				continue;
			}
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				logger.warn("Too many file changes at once in " + registration.directory()
						+ ": reloading everything below it");
				addChange(registration.root(), registration.directory(), ChangedFile.Kind.MODIFIED);
				continue;
			}
			Path path = registration.directory().resolve((Path) event.context());
			if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
				registerTree(registration.root(), path, ChangedFile.Kind.ADDED);
			}
			else if (!Files.isDirectory(path)) {
				addChange(registration.root(), path, kindOf(event));
			}
		}
		if (!key.reset()) {
			this.registrations.remove(key);
			if (registration != null && registration.directory().equals(registration.root())) {
				// Watched again once the build has written it again.
				rootRemoved(registration.root());
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

	private void addChange(Path root, Path path, ChangedFile.Kind kind) {
		String name = root.relativize(path).toString().replace('\\', '/');
		if (this.excluded.test(name) || isUnreported(path)) {
			return;
		}
		ChangedFile previous = this.pending.get(path);
		ChangedFile.Kind merged = (previous != null) ? previous.kind().then(kind) : kind;
		if (merged != null) {
			this.pending.put(path, new ChangedFile(root, path, merged));
		}
		else {
			this.pending.remove(path);
		}
		if (this.firstChange == null) {
			this.firstChange = Instant.now();
		}
		this.lastChangeNanos = System.nanoTime();
		this.lastEventNanos = this.lastChangeNanos;
		this.incompleteRetries = 0;
	}

	private void report() {
		if (awaitsRebuild()) {
			this.lastChangeNanos = System.nanoTime();
			return;
		}
		List<ChangedFile> files = new ArrayList<>();
		for (ChangedFile file : this.pending.values()) {
			if (file.kind() == ChangedFile.Kind.DELETED || !file.isClassFile() || ClassFileCheck.isComplete(file.path())) {
				files.add(file);
			}
			else if (this.incompleteRetries < INCOMPLETE_RETRIES) {
				// Still being written: give the writer another quiet period.
				this.incompleteRetries++;
				this.lastChangeNanos = System.nanoTime();
				return;
			}
			else if (Files.exists(file.path())) {
				logger.warn("Ignoring " + file.relativeName() + ": it is not a complete class file");
			}
		}
		Instant first = (this.firstChange != null) ? this.firstChange : Instant.now();
		this.pending.clear();
		this.firstChange = null;
		this.incompleteRetries = 0;
		if (!files.isEmpty()) {
			try {
				this.listener.onChange(new ChangeSet(files, first, Instant.now()));
			}
			catch (RuntimeException ex) {
				logger.error("Change listener failed", ex);
			}
		}
	}

	/**
	 * Whether a root was removed (a clean build) and the build has not written it again
	 * yet: its class files are not reported, half gone, until they are all back (or
	 * nothing changed for {@link #REBUILD_WAIT}, when some are gone for good).
	 */
	private boolean awaitsRebuild() {
		for (Path root : this.watchedRoots) {
			if (!Files.isDirectory(root)) {
				rootRemoved(root);
				return true;
			}
			if (this.removed.remove(root)) {
				registerTree(root, root, ChangedFile.Kind.ADDED);
				this.rebuilt.add(root);
				return true;
			}
		}
		if (this.rebuilt.isEmpty()) {
			return false;
		}
		boolean classesMissing = this.pending.values()
			.stream()
			.anyMatch((file) -> file.kind() == ChangedFile.Kind.DELETED && file.isClassFile()
					&& this.rebuilt.contains(file.root()));
		if (classesMissing && System.nanoTime() - this.lastEventNanos < REBUILD_WAIT.toNanos()) {
			return true;
		}
		this.rebuilt.clear();
		return false;
	}

	private void rootRemoved(Path root) {
		if (this.removed.add(root)) {
			logger.info(root + " was removed (a clean build?): waiting for the build to write it again");
		}
	}

	private void registerTree(Path root, Path directory, ChangedFile.@Nullable Kind existingFiles) {
		try {
			Files.walkFileTree(directory, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
					WatchKey key = dir.register(ClassDirectoryWatcher.this.watchService,
							StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
							StandardWatchEventKinds.ENTRY_MODIFY);
					ClassDirectoryWatcher.this.registrations.put(key, new Registration(root, dir));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					// Files written into a new directory before it was registered.
					if (existingFiles != null) {
						addChange(root, file, existingFiles);
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

	/**
	 * What a file looked like when its writer was done with it.
	 */
	private record FileState(boolean exists, long size, long modified) {

		static final FileState WRITING = new FileState(false, -1, -1);

		static FileState of(Path file) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				return new FileState(true, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
			}
			catch (IOException ex) {
				return new FileState(false, 0, 0);
			}
		}

	}

}
