package dev.reloadhook.observe.leak;

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
import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.ReloadState;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.reload.restart.ClosedGenerations;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Finds closed generations that stay reachable. Once reloads have been quiet for a
 * while, it waits for a few collections that unload classes (class loaders are only
 * reclaimed by those, which an idle application may not run for hours): on G1 it asks for
 * concurrent cycles, which pause the application far less than {@code System.gc()}'s full
 * collections. Each closed generation that survives them is a leak suspect, reported with
 * its likely holders and, read from a heap dump in a process of its own, the reference
 * chain from a GC root that keeps it: one WARN line, the endpoint, the
 * {@code reload.leaks} meter and a {@code LeakSuspectedEvent} in the serving generation.
 * <p>
 * Which generations are closed and still reachable is the coordinator's
 * {@link ClosedGenerations}: this only remembers which of them it has not checked yet.
 *
 * @author reload-hook
 */
public final class LeakDetector implements GenerationListener {

	private static final Log logger = LogFactory.getLog(LeakDetector.class);

	/** The longest wait for a concurrent collection that unloads classes. */
	private static final Duration CYCLE_TIMEOUT = Duration.ofSeconds(10);

	private final ReloadState state;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor((runnable) -> BaseContext.newThread("reload-hook-leaks", true, runnable));

	/** Closed generations not checked yet, in the order they closed. */
	private final Set<Integer> unchecked = new LinkedHashSet<>();

	private final Map<Integer, LeakSuspect> suspects = new LinkedHashMap<>();

	private final AtomicLong found = new AtomicLong();

	private final ClassUnloadingCollections collections = new ClassUnloadingCollections();

	private volatile @Nullable HeapDumpChains chains;

	private final List<Consumer<LeakSuspect>> consumers = new CopyOnWriteArrayList<>();

	private volatile Settings settings;

	private volatile long lastActivityNanos = System.nanoTime();

	private boolean checkScheduled;

	/**
	 * Create a detector.
	 * @param state what to read about reloads and generations
	 * @param settings when and how hard to check
	 */
	public LeakDetector(ReloadState state, Settings settings) {
		Assert.notNull(state, "'state' must not be null");
		this.state = state;
		this.settings = settings;
	}

	/**
	 * Stop checking: the application is shutting down for good.
	 */
	public void close() {
		this.scheduler.shutdownNow();
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
			if (this.state.isReloading() || sinceActivity < quiet.toNanos()) {
				// Collections would slow the reload or the next one: wait for a quiet moment.
				postpone = this.state.isReloading() ? quiet : quiet.minusNanos(Math.max(sinceActivity, 0));
			}
			else {
				List<Integer> suspects = collect(this.settings.gcs());
				if (suspects == null) {
					// No collection came in time (a busy machine): check again later.
					postpone = quiet;
				}
				else {
					Map<Integer, String> chains = suspects.isEmpty() ? Map.of() : chains(suspects);
					for (int generation : suspects) {
						report(generation, chains.get(generation));
					}
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
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
	 * Wait for up to the given number of collections that unload classes, stopping as soon
	 * as no unchecked generation is reachable any more.
	 * @return the unchecked generations still reachable, now checked, or {@code null} when
	 * a collection did not come in time (they stay unchecked)
	 */
	private @Nullable List<Integer> collect(int gcs) {
		ClosedGenerations closed = this.state.closedGenerations();
		try {
			for (int i = 0; i < gcs && !reachableUnchecked(closed).isEmpty(); i++) {
				long start = System.nanoTime();
				boolean ran = this.collections.awaitClassUnloading(CYCLE_TIMEOUT);
				if (logger.isDebugEnabled()) {
					logger.debug("Leak check: " + (ran ? "a collection that unloads classes ran" : "no collection came")
							+ " within " + (System.nanoTime() - start) / 1_000_000 + " ms; reachable: "
							+ reachableUnchecked(closed));
				}
				if (!ran) {
					return null;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
		synchronized (this.unchecked) {
			List<Integer> remaining = reachableUnchecked(closed);
			this.unchecked.clear();
			return remaining;
		}
	}

	private Map<Integer, String> chains(List<Integer> generations) {
		if (!this.settings.chains()) {
			return Map.of();
		}
		HeapDumpChains chains = this.chains;
		if (chains == null) {
			chains = new HeapDumpChains(this.settings.chainsMaxHeap());
			this.chains = chains;
		}
		return chains.find(generations);
	}

	private List<Integer> reachableUnchecked(ClosedGenerations closed) {
		List<Integer> reachable = closed.reachable();
		synchronized (this.unchecked) {
			return this.unchecked.stream().filter(reachable::contains).toList();
		}
	}

	private void report(int generation, @Nullable String chain) {
		ClosedGenerations closed = this.state.closedGenerations();
		RestartClassLoader classLoader = closed.classLoader(generation);
		Instant closedAt = closed.closedAt(generation);
		if (classLoader == null || closedAt == null) {
			return;
		}
		List<LeakHolder> holders = new HolderFinder(this.state.instrumentation()).find(classLoader);
		LeakSuspect suspect = new LeakSuspect(generation, closedAt, Instant.now(), this.settings.gcs(), holders,
				chain);
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
		List<Integer> reachable = this.state.closedGenerations().reachable();
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
	 * @param chains whether to name a suspect's reference chain from a heap dump
	 * @param chainsMaxHeap the largest heap that is dumped for chains
	 */
	public record Settings(boolean enabled, Duration quietPeriod, int gcs, boolean chains, DataSize chainsMaxHeap) {

		/**
		 * Read the settings from reload-hook's properties.
		 * @param properties the properties
		 * @return the settings
		 */
		public static Settings of(ReloadHookProperties properties) {
			ReloadHookProperties.Leaks leaks = properties.getLeaks();
			return new Settings(leaks.isEnabled(), leaks.getQuietPeriod(), Math.max(leaks.getGcs(), 1),
					leaks.isChains(), leaks.getChainsMaxHeap());
		}

	}

}
