package dev.reloadhook.observe.leak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
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
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadState;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.reload.restart.ClosedGenerations;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Finds closed generations that stay reachable. Once reloads have been quiet for a
 * while, it waits for a few collections that unload classes (class loaders are only
 * reclaimed by those, which an idle application may not run for hours): on G1 it asks for
 * concurrent cycles, and it never forces a full collection, which would stop the
 * application. Whether a collection could have reclaimed a generation is told by a
 * {@link CollectionCanary} born just after the generation's class loader (so no older
 * than it): a canary created only when the check starts would first have to age into the
 * old generation. When no collection came in time the check gives up quietly and runs
 * again later. Each closed generation that survives them is a leak suspect, reported with
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

	/** The longest wait of one check for collections that unload classes. */
	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

	private final ReloadState state;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor((runnable) -> BaseContext.newThread("reload-hook-leaks", true, runnable));

	/** Closed generations not checked yet, in the order they closed. */
	private final Map<Integer, Progress> unchecked = new LinkedHashMap<>();

	/** A canary born with each serving generation, to tell when it could be collected. */
	private final Map<Integer, CollectionCanary> born = new HashMap<>();

	private final Map<Integer, LeakSuspect> suspects = new LinkedHashMap<>();

	/** Generations a heap dump showed with no strong path, checked once more. */
	private final Set<Integer> deferred = new HashSet<>();

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
	public void reloaded(ReloadRecord reload, @Nullable ConfigurableApplicationContext serving) {
		int generation = (serving != null) ? RestartClassLoader.generationOf(serving.getClassLoader()) : -1;
		if (generation > 0 && this.settings.enabled()) {
			synchronized (this.unchecked) {
				// Created after the generation's class loader: no older than it.
				this.born.computeIfAbsent(generation, (key) -> CollectionCanary.create());
			}
		}
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
			CollectionCanary canary = this.born.remove(generation);
			if (canary == null || canary.isCollected()) {
				// Reclaimed while the generation served: that collection says nothing about
				// the closed generation.
				canary = CollectionCanary.create();
			}
			this.unchecked.put(generation, new Progress(canary));
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
				Map<Integer, String> chains = suspects.isEmpty() ? Map.of() : chains(suspects);
				for (int generation : suspects) {
					String chain = chains.get(generation);
					if (chain == null || !chain.isEmpty() || !defer(generation)) {
						report(generation, chain);
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
	 * Check a generation again after more collections when the heap dump, taken just
	 * after the check, shows no strong path to it: it was let go between the check and the
	 * dump (the last request or thread of its successor finishing), or only a soft cache
	 * keeps it, which the collector clears on its own. Only one that is still reachable
	 * at the next check is reported.
	 * @return whether the generation is checked again rather than reported now
	 */
	private boolean defer(int generation) {
		synchronized (this.unchecked) {
			if (!this.deferred.add(generation)) {
				return false;
			}
			this.unchecked.put(generation, new Progress(CollectionCanary.create()));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Leak check: generation " + generation
					+ " has no strong path from a GC root in the heap dump; checked again after more collections");
		}
		return true;
	}

	/**
	 * Wait for the given number of collections that unload classes, stopping as soon as no
	 * unchecked generation is reachable any more. Generations whose collections did not
	 * all come in time stay unchecked, their progress kept.
	 * @return the unchecked generations still reachable after all their collections, now
	 * checked
	 */
	private List<Integer> collect(int gcs) {
		ClosedGenerations closed = this.state.closedGenerations();
		long start = System.nanoTime();
		boolean all;
		try {
			all = this.collections.await(() -> advance(closed, gcs), this.state::isReloading, CHECK_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
		List<Integer> suspects = new ArrayList<>();
		synchronized (this.unchecked) {
			List<Integer> reachable = closed.reachable();
			this.deferred.retainAll(reachable);
			this.unchecked.entrySet().removeIf((entry) -> {
				if (!reachable.contains(entry.getKey())) {
					return true;
				}
				if (entry.getValue().cycles >= gcs) {
					suspects.add(entry.getKey());
					return true;
				}
				return false;
			});
			if (logger.isDebugEnabled()) {
				long millis = (System.nanoTime() - start) / 1_000_000;
				logger.debug(all ? "Leak check: the collections came within " + millis + " ms; suspects: " + suspects
						: "Leak check: not enough collections that unload classes came within " + millis
								+ " ms (none is forced); generations " + this.unchecked
								+ " are checked again later");
			}
		}
		return suspects;
	}

	/**
	 * Count the collections each unchecked generation survived: one each time its canary
	 * is reclaimed, then a new canary for the next.
	 * @return whether every unchecked generation is collected or survived enough of them
	 */
	private boolean advance(ClosedGenerations closed, int gcs) {
		List<Integer> reachable = closed.reachable();
		boolean all = true;
		synchronized (this.unchecked) {
			for (Map.Entry<Integer, Progress> entry : this.unchecked.entrySet()) {
				Progress progress = entry.getValue();
				if (!reachable.contains(entry.getKey()) || progress.cycles >= gcs) {
					continue;
				}
				// No canary (its class could not be defined): nothing is counted, rather than
				// a suspect reported without a collection.
				if (progress.canary != null && progress.canary.isCollected()) {
					progress.cycles++;
					progress.canary = (progress.cycles < gcs) ? CollectionCanary.create() : null;
				}
				all &= progress.cycles >= gcs;
			}
		}
		return all;
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

	/** How many collections a closed generation survived, and the canary of the next. */
	private static final class Progress {

		private @Nullable CollectionCanary canary;

		private int cycles;

		Progress(@Nullable CollectionCanary canary) {
			this.canary = canary;
		}

		@Override
		public String toString() {
			return this.cycles + " collections";
		}

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
