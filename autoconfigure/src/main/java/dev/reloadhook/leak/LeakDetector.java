package dev.reloadhook.leak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.ClosedGenerations;
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
 * <p>
 * Which generations are closed and still reachable is the coordinator's
 * {@link ClosedGenerations}: this only remembers which of them it has not checked yet.
 *
 * @author reload-hook
 */
public final class LeakDetector implements GenerationListener {

	private static final Log logger = LogFactory.getLog(LeakDetector.class);

	private final ReloadCoordinator coordinator;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor((runnable) -> BaseContext.newThread("reload-hook-leaks", true, runnable));

	/** Closed generations not checked yet, in the order they closed. */
	private final Set<Integer> unchecked = new LinkedHashSet<>();

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
		synchronized (this.unchecked) {
			this.unchecked.add(generation);
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
		finally {
			// One check is scheduled at a time: again when postponed, or when generations
			// closed while this one ran.
			synchronized (this.unchecked) {
				if (postpone != null || !this.unchecked.isEmpty()) {
					schedule((postpone != null) ? postpone : quiet);
				}
				else {
					this.checkScheduled = false;
				}
			}
		}
	}

	/**
	 * Run up to the given number of collections, stopping as soon as no unchecked
	 * generation is reachable any more. A collection clears the weak references to what
	 * it reclaimed before {@link System#gc()} returns.
	 * @return the unchecked generations still reachable, now checked
	 */
	private List<Integer> collect(int gcs) {
		ClosedGenerations closed = this.coordinator.closedGenerations();
		for (int i = 0; i < gcs && !reachableUnchecked(closed).isEmpty(); i++) {
			System.gc();
		}
		synchronized (this.unchecked) {
			List<Integer> remaining = reachableUnchecked(closed);
			this.unchecked.clear();
			return remaining;
		}
	}

	private List<Integer> reachableUnchecked(ClosedGenerations closed) {
		List<Integer> reachable = closed.reachable();
		synchronized (this.unchecked) {
			return this.unchecked.stream().filter(reachable::contains).toList();
		}
	}

	private void report(int generation) {
		ClosedGenerations closed = this.coordinator.closedGenerations();
		RestartClassLoader classLoader = closed.classLoader(generation);
		Instant closedAt = closed.closedAt(generation);
		if (classLoader == null || closedAt == null) {
			return;
		}
		List<LeakHolder> holders = new HolderFinder(this.coordinator.instrumentation()).find(classLoader);
		LeakSuspect suspect = new LeakSuspect(generation, closedAt, Instant.now(), this.settings.gcs(), holders);
		synchronized (this.suspects) {
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
		List<Integer> reachable = this.coordinator.closedGenerations().reachable();
		synchronized (this.suspects) {
			// A suspect collected after all is no longer one.
			this.suspects.keySet().retainAll(reachable);
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
