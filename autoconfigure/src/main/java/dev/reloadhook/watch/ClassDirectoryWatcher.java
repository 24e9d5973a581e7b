package dev.reloadhook.watch;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Watches directory trees and reports each burst of changes as one {@link ChangeSet} once
 * no change has been seen for the quiet period. Class files that are still being written
 * are waited for, never reported half-written.
 * <p>
 * Changes come from the operating system's events: the JDK's {@code WatchService} (inotify
 * on Linux, Windows' own), or on macOS FSEvents through {@code io.methvin:directory-watcher}
 * when it is on the class path (the JDK polls there, every 10 s). When asked to
 * ({@link WatchOptions#probe()}), the watcher writes a probe file at start and polls
 * instead when its event does not arrive (Docker bind mounts, WSL's {@code /mnt}, network
 * file systems); polling can also be forced ({@link WatchOptions#pollInterval()}). With a
 * {@link WatchOptions#triggerFile() trigger file}, changes are collected and reported
 * together when the trigger file changes.
 *
 * @author reload-hook
 */
public final class ClassDirectoryWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClassDirectoryWatcher.class);

	/** How many extra quiet periods to wait for a class file a compiler is still writing. */
	private static final int INCOMPLETE_RETRIES = 20;

	/** Deletions alone usually mean a build is about to write new files: wait longer. */
	private static final int DELETION_QUIET_FACTOR = 10;

	/** The probe's event comes within milliseconds where events work at all. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	static final String PROBE_FILE = ".reload-hook-probe";

	/** Larger files are not read again to tell a late event from a new write: they count. */
	private static final long ACCOUNTED_MAX_BYTES = 1024 * 1024;

	/** How long a rebuilt root may stay without changes while class files are still missing. */
	private static final Duration REBUILD_WAIT = Duration.ofSeconds(10);

	private final List<Path> roots;

	private final Duration quietPeriod;

	private final Predicate<String> excluded;

	private final ChangeListener listener;

	private final WatchOptions options;

	private final BlockingQueue<ChangedFile> events = new LinkedBlockingQueue<>();

	private final Map<Path, ChangedFile> pending = new LinkedHashMap<>();

	/**
	 * Files whose current content was reported already, or written by a writer that
	 * reports them itself: their events are ignored while they stay so.
	 */
	private final Map<Path, FileState> accounted = new ConcurrentHashMap<>();

	/** Roots that were removed (a clean build) and written again since. */
	private final Set<Path> rebuilt = new HashSet<>();

	private final Set<Path> removed = new HashSet<>();

	/** The roots that existed at start: only their removal means a clean build. */
	private final Set<Path> watchedRoots = ConcurrentHashMap.newKeySet();

	private volatile FileEvents source;

	private @Nullable Path probe;

	private long probeDeadlineNanos;

	private boolean triggered;

	private @Nullable ChangedFile triggerChange;

	private @Nullable Instant firstChange;

	private long lastChangeNanos;

	private long lastEventNanos;

	private int incompleteRetries;

	private volatile @Nullable Thread thread;

	/**
	 * Create a watcher that uses file system events and reports every burst.
	 * @param roots the directories to watch, recursively
	 * @param quietPeriod how long no change must be seen before a change set is reported
	 * @param excluded which relative names (e.g. {@code static/app.css}) to ignore
	 * @param listener receives the change sets
	 */
	public ClassDirectoryWatcher(List<Path> roots, Duration quietPeriod, Predicate<String> excluded,
			ChangeListener listener) {
		this(roots, quietPeriod, excluded, listener, WatchOptions.events());
	}

	/**
	 * Create a watcher.
	 * @param roots the directories to watch, recursively
	 * @param quietPeriod how long no change must be seen before a change set is reported
	 * @param excluded which relative names (e.g. {@code static/app.css}) to ignore
	 * @param listener receives the change sets
	 * @param options how changes are detected and when they are reported
	 */
	public ClassDirectoryWatcher(List<Path> roots, Duration quietPeriod, Predicate<String> excluded,
			ChangeListener listener, WatchOptions options) {
		this(roots, quietPeriod, excluded, listener, options, ClassDirectoryWatcher::nativeEvents);
	}

	ClassDirectoryWatcher(List<Path> roots, Duration quietPeriod, Predicate<String> excluded, ChangeListener listener,
			WatchOptions options, Supplier<FileEvents> nativeEvents) {
		this.roots = List.copyOf(roots);
		this.quietPeriod = quietPeriod;
		this.excluded = excluded;
		this.listener = listener;
		this.options = options;
		Duration pollInterval = options.pollInterval();
		this.source = (pollInterval != null) ? new PollingFileEvents(pollInterval) : nativeEvents.get();
	}

	/**
	 * Return the file events of this platform: FSEvents on macOS when
	 * {@code io.methvin:directory-watcher} is on the class path, the JDK's
	 * {@code WatchService} otherwise (the operating system's events on Linux and Windows).
	 */
	private static FileEvents nativeEvents() {
		boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
		if (mac && ClassUtils.isPresent("io.methvin.watcher.DirectoryWatcher",
				ClassDirectoryWatcher.class.getClassLoader())) {
			return new MacFileEvents();
		}
		return new JdkFileEvents();
	}

	/**
	 * Return how changes are detected now, for the log.
	 * @return the description
	 */
	public String detection() {
		return this.source.description();
	}

	/**
	 * Start watching on daemon threads.
	 */
	public void start() {
		this.roots.stream().filter(Files::isDirectory).forEach(this.watchedRoots::add);
		this.source.start(this.roots, this.events::add);
		if (this.options.probe() && this.options.pollInterval() == null) {
			startProbe();
		}
		Thread watcher = new Thread(this::run, "reload-hook-watcher");
		watcher.setDaemon(true);
		watcher.setContextClassLoader(ClassDirectoryWatcher.class.getClassLoader());
		this.thread = watcher;
		watcher.start();
	}

	private void startProbe() {
		Path root = this.roots.stream().filter(Files::isDirectory).findFirst().orElse(null);
		if (root == null) {
			return;
		}
		Path file = root.resolve(PROBE_FILE);
		try {
			Files.writeString(file, Long.toString(System.nanoTime()));
			this.probe = file;
			this.probeDeadlineNanos = System.nanoTime() + PROBE_TIMEOUT.toNanos();
		}
		catch (IOException ex) {
			logger.debug("Cannot write the probe file " + file + ": " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		Thread watcher = this.thread;
		this.thread = null;
		this.source.close();
		if (watcher != null) {
			watcher.interrupt();
		}
		endProbe();
	}

	/**
	 * Return whether changes of a file never trigger a reload (static files and templates,
	 * which are served as they are on disk).
	 * @param relativeName the file's name relative to its class directory, with
	 * {@code /} as separator
	 * @return whether the file is excluded
	 */
	public boolean isExcluded(String relativeName) {
		return this.excluded.test(relativeName);
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
		files.forEach((file) -> this.accounted.put(file, FileState.WRITING));
		try {
			writes.run();
		}
		finally {
			files.forEach((file) -> this.accounted.put(file, FileState.of(file)));
		}
	}

	/**
	 * Whether an event is one for content already accounted for: written unreported, or
	 * reported already. A writer's events may arrive after its last write was seen and
	 * reported (a loaded machine delays their delivery), and must not report the same
	 * bytes again.
	 */
	private boolean isAccounted(Path path) {
		FileState state = this.accounted.get(path);
		if (state == null) {
			return false;
		}
		if (state == FileState.WRITING || state.isStateOf(path)) {
			return true;
		}
		this.accounted.remove(path, state);
		return false;
	}

	private void run() {
		try {
			while (this.thread != null) {
				ChangedFile event = next();
				if (event != null) {
					onEvent(event);
				}
				else if (this.probe != null && System.nanoTime() >= this.probeDeadlineNanos) {
					fallBackToPolling();
				}
				else if (isReportDue()) {
					report();
				}
			}
		}
		catch (InterruptedException ex) {
			// closed
			logger.debug("Change reporting stopped: the watcher was closed", ex);
		}
	}

	private @Nullable ChangedFile next() throws InterruptedException {
		long now = System.nanoTime();
		long wait = Long.MAX_VALUE;
		if (this.probe != null) {
			wait = this.probeDeadlineNanos - now;
		}
		if (hasChanges() && isTriggered()) {
			wait = Math.min(wait, quietNanos() - (now - this.lastChangeNanos));
		}
		if (wait == Long.MAX_VALUE) {
			return this.events.take();
		}
		return (wait > 0) ? this.events.poll(wait, TimeUnit.NANOSECONDS) : this.events.poll();
	}

	private boolean isReportDue() {
		return hasChanges() && isTriggered() && System.nanoTime() - this.lastChangeNanos >= quietNanos();
	}

	private boolean hasChanges() {
		return !this.pending.isEmpty() || this.triggerChange != null;
	}

	private boolean isTriggered() {
		return this.options.triggerFile() == null || this.triggered;
	}

	private void onEvent(ChangedFile event) {
		if (event.path().getFileName() != null && PROBE_FILE.equals(event.path().getFileName().toString())) {
			if (this.probe != null && this.probe.equals(event.path())) {
				endProbe();
			}
			return;
		}
		if (event.path().equals(event.root()) && event.kind() == ChangedFile.Kind.DELETED) {
			rootRemoved(event.root());
			return;
		}
		addChange(event.root(), event.path(), event.kind());
	}

	private void endProbe() {
		Path file = this.probe;
		this.probe = null;
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.debug("Cannot delete the probe file " + file + ": " + ex.getMessage());
			}
		}
	}

	private void fallBackToPolling() {
		Path file = this.probe;
		endProbe();
		FileEvents events = this.source;
		PollingFileEvents polling = new PollingFileEvents(WatchOptions.DEFAULT_POLL_INTERVAL);
		this.source = polling;
		events.close();
		polling.start(this.roots, this.events::add);
		logger.warn("No file system event arrived for " + file + " within " + PROBE_TIMEOUT.toSeconds()
				+ " s (a Docker bind mount, WSL's /mnt or a network file system?): detecting changes by "
				+ polling.description() + " (set reload-hook.watch.poll-interval to choose the interval)");
	}

	private long quietNanos() {
		long quiet = this.quietPeriod.toNanos();
		return isOnlyDeletions() ? quiet * DELETION_QUIET_FACTOR : quiet;
	}

	private boolean isOnlyDeletions() {
		return this.pending.values().stream().allMatch((file) -> file.kind() == ChangedFile.Kind.DELETED);
	}

	private void addChange(Path root, Path path, ChangedFile.Kind kind) {
		String name = root.relativize(path).toString().replace('\\', '/');
		if (isTrigger(name)) {
			this.triggered = true;
			this.triggerChange = new ChangedFile(root, path, kind);
			this.lastChangeNanos = System.nanoTime();
			if (this.firstChange == null) {
				this.firstChange = Instant.now();
			}
			return;
		}
		if (this.excluded.test(name) || isAccounted(path)) {
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
		this.triggered = false;
		ChangedFile trigger = this.triggerChange;
		this.triggerChange = null;
		if (files.isEmpty() && trigger != null) {
			// The trigger file alone: a reload nonetheless, as asked.
			files.add(trigger);
		}
		for (ChangedFile file : files) {
			// Taken before the listener reads the files: it reads this content or later.
			FileState state = FileState.of(file.path());
			if (state.size() <= ACCOUNTED_MAX_BYTES) {
				this.accounted.put(file.path(), state);
			}
		}
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
				// Watched again now that the build has written it again.
				this.source.rewatch(root);
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

	private boolean isTrigger(String name) {
		String trigger = this.options.triggerFile();
		if (trigger == null) {
			return false;
		}
		return name.equals(trigger) || (trigger.indexOf('/') < 0 && name.endsWith("/" + trigger));
	}

	/**
	 * What a file looked like when its writer was done with it. Its content's checksum
	 * tells a later write apart where modification times are coarse (a second on some
	 * file systems) and the size stayed the same.
	 */
	private record FileState(boolean exists, long size, long modified, long checksum) {

		static final FileState WRITING = new FileState(false, -1, -1, -1);

		static FileState of(Path file) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				long size = attributes.size();
				return new FileState(true, size, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
						(size <= ACCOUNTED_MAX_BYTES) ? checksum(file) : 0);
			}
			catch (IOException ex) {
				return new FileState(false, 0, 0, 0);
			}
		}

		/**
		 * Whether the file is as this state saw it; its content is read only when its
		 * attributes are the same, and not at all for a large file.
		 */
		boolean isStateOf(Path file) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				return this.exists && this.size == attributes.size()
						&& this.modified == attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
						&& (this.size > ACCOUNTED_MAX_BYTES || this.checksum == checksum(file));
			}
			catch (IOException ex) {
				return !this.exists;
			}
		}

		private static long checksum(Path file) throws IOException {
			CRC32 crc = new CRC32();
			crc.update(Files.readAllBytes(file));
			return crc.getValue();
		}

	}

}
