package dev.reloadhook.leak;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.restart.BaseContext;
import dev.reloadhook.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Finds closed generations that stay reachable. Once reloads have been quiet for a
 * while, it runs a few garbage collections (class loaders are only reclaimed by a full
 * or concurrent collection, which an idle application may not run for hours) and reports
 * each closed generation still reachable as a leak suspect, with its likely holders: one
 * WARN line, the endpoint, the {@code reload.leaks} meter and a
 * {@code LeakSuspectedEvent} in the serving generation.
 *
 * @author reload-hook
 */
public final class LeakDetector implements GenerationListener {

	private static final Log logger = LogFactory.getLog(LeakDetector.class);

	private final ReloadCoordinator coordinator;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor((runnable) -> BaseContext.newThread("reload-hook-leaks", true, runnable));

	private final ReferenceQueue<RestartClassLoader> queue = new ReferenceQueue<>();

	/** Closed generations not yet seen collected, in the order they closed. */
	private final Map<Integer, Watched> watched = new LinkedHashMap<>();

	private final Map<Integer, LeakSuspect> suspects = new LinkedHashMap<>();

	private final AtomicLong found = new AtomicLong();

	private final List<Consumer<LeakSuspect>> consumers = new CopyOnWriteArrayList<>();

	private volatile Settings settings;

	private volatile long lastActivityNanos = System.nanoTime();

	private boolean checkScheduled;

	/**
	 * Create a detector.
	 * @param coordinator the reload coordinator of this JVM
	 * @param settings when and how hard to check
	 */
	public LeakDetector(ReloadCoordinator coordinator, Settings settings) {
		Assert.notNull(coordinator, "'coordinator' must not be null");
		this.coordinator = coordinator;
		this.settings = settings;
		coordinator.onShutdown(this.scheduler::shutdownNow);
	}

	/**
	 * Apply new settings.
	 * @param settings the settings
	 */
	public void configure(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Tell a consumer about each new suspect, on the detector's thread.
	 * @param consumer the consumer
	 */
	public void onSuspect(Consumer<LeakSuspect> consumer) {
		this.consumers.add(consumer);
	}

	@Override
	public void configure(ReloadHookProperties properties) {
		this.settings = Settings.of(properties);
	}

	@Override
	public void starting(long reload, ReloadTrigger trigger) {
		this.lastActivityNanos = System.nanoTime();
	}

	@Override
	public void closed(int generation) {
		watch(generation);
	}

	@Override
	public void discarded(int generation) {
		watch(generation);
	}

	private void watch(int generation) {
		this.lastActivityNanos = System.nanoTime();
		if (!this.settings.enabled()) {
			return;
		}
		RestartClassLoader classLoader = this.coordinator.closedGenerations().classLoader(generation);
		if (classLoader == null) {
			return;
		}
		synchronized (this.watched) {
			this.watched.put(generation, new Watched(new WeakReference<>(classLoader, this.queue), Instant.now()));
			if (!this.checkScheduled) {
				this.checkScheduled = true;
				schedule(this.settings.quietPeriod());
			}
		}
	}

	private void schedule(Duration delay) {
		this.scheduler.schedule(this::check, Math.max(delay.toMillis(), 1), TimeUnit.MILLISECONDS);
	}

	private void check() {
		Duration quiet = this.settings.quietPeriod();
		Duration postpone = null;
		try {
			long sinceActivity = System.nanoTime() - this.lastActivityNanos;
			if (this.coordinator.isReloading() || sinceActivity < quiet.toNanos()) {
				// Collections would slow the reload or the next one: wait for a quiet moment.
				postpone = this.coordinator.isReloading() ? quiet : quiet.minusNanos(Math.max(sinceActivity, 0));
			}
			else {
				for (int generation : collect(this.settings.gcs())) {
					report(generation);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Leak check failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			// One check is scheduled at a time: again when postponed, or when generations
			// closed while this one ran.
			synchronized (this.watched) {
				boolean pending = this.watched.values().stream().anyMatch((watched) -> !watched.reported);
				if (postpone != null || pending) {
					schedule((postpone != null) ? postpone : quiet);
				}
				else {
					this.checkScheduled = false;
				}
			}
		}
	}

	/**
	 * Run up to the given number of collections, stopping as soon as every watched
	 * generation is collected.
	 * @return the generations still reachable and not reported yet
	 */
	private List<Integer> collect(int gcs) throws InterruptedException {
		for (int i = 0; i < gcs && hasUnreported(); i++) {
			System.gc();
			// Class loaders are enqueued shortly after the collection that reclaimed them.
			drain(this.queue.remove(200));
		}
		synchronized (this.watched) {
			List<Integer> remaining = new ArrayList<>();
			this.watched.forEach((generation, watched) -> {
				if (!watched.reported && watched.classLoader.get() != null) {
					remaining.add(generation);
				}
			});
			return remaining;
		}
	}

	private boolean hasUnreported() {
		synchronized (this.watched) {
			drain(this.queue.poll());
			return this.watched.values().stream().anyMatch((watched) -> !watched.reported);
		}
	}

	private void drain(java.lang.ref.@org.jspecify.annotations.Nullable Reference<? extends RestartClassLoader> first) {
		synchronized (this.watched) {
			for (var reference = first; reference != null; reference = this.queue.poll()) {
				var cleared = reference;
				this.watched.values().removeIf((watched) -> watched.classLoader == cleared);
			}
			// A suspect collected after all is no longer one.
			this.suspects.keySet().removeIf((generation) -> !this.watched.containsKey(generation));
		}
	}

	private void report(int generation) {
		Watched watched;
		synchronized (this.watched) {
			watched = this.watched.get(generation);
		}
		RestartClassLoader classLoader = (watched != null) ? watched.classLoader.get() : null;
		if (classLoader == null) {
			return;
		}
		List<LeakHolder> holders = new HolderFinder(this.coordinator.instrumentation()).find(classLoader);
		classLoader = null;
		String hint = holders.isEmpty() ? "look for a soft or weak cache, or take a heap dump"
				: holders.get(0).kind().hint();
		LeakSuspect suspect = new LeakSuspect(generation, watched.closedAt, Instant.now(), this.settings.gcs(),
				holders, hint);
		synchronized (this.watched) {
			watched.reported = true;
			this.suspects.put(generation, suspect);
		}
		this.found.incrementAndGet();
		logger.warn(suspect.logLine());
		for (Consumer<LeakSuspect> consumer : this.consumers) {
			try {
				consumer.accept(suspect);
			}
			catch (RuntimeException ex) {
				logger.warn("A leak suspect consumer failed: " + ex);
			}
		}
	}

	/**
	 * Return the current suspects: closed generations found reachable and not collected
	 * since.
	 * @return the suspects, oldest first
	 */
	public List<LeakSuspect> suspects() {
		synchronized (this.watched) {
			drain(this.queue.poll());
			return new ArrayList<>(this.suspects.values());
		}
	}

	/**
	 * Return how many suspects were found since the JVM started.
	 * @return the count
	 */
	public long found() {
		return this.found.get();
	}

	private static final class Watched {

		private final WeakReference<RestartClassLoader> classLoader;

		private final Instant closedAt;

		private boolean reported;

		Watched(WeakReference<RestartClassLoader> classLoader, Instant closedAt) {
			this.classLoader = classLoader;
			this.closedAt = closedAt;
		}

	}

	/**
	 * When and how hard to check.
	 *
	 * @param enabled whether to check at all
	 * @param quietPeriod how long reloads must have been quiet before collections run
	 * @param gcs how many collections a closed generation must survive to be a suspect
	 */
	public record Settings(boolean enabled, Duration quietPeriod, int gcs) {

		/**
		 * Read the settings from reload-hook's properties.
		 * @param properties the properties
		 * @return the settings
		 */
		public static Settings of(ReloadHookProperties properties) {
			ReloadHookProperties.Leaks leaks = properties.getLeaks();
			return new Settings(leaks.isEnabled(), leaks.getQuietPeriod(), Math.max(leaks.getGcs(), 1));
		}

	}

}
