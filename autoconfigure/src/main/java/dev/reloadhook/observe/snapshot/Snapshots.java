package dev.reloadhook.observe.snapshot;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadStatus;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.restart.GenerationOwnership;
import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.retain.RetainedResources;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * Takes snapshots before and after each reload and on demand, and keeps the last ones.
 * A snapshot reads only cheap JVM counters and the thread list (no stack is walked), so
 * taking one costs well under a millisecond.
 *
 * @author reload-hook
 */
public final class Snapshots implements GenerationListener {

	private final ReloadStatus status;

	private final RetainedResources retained;

	private final AtomicLong counter = new AtomicLong();

	private final Deque<Snapshot> kept = new ArrayDeque<>();

	private volatile int size;

	private volatile boolean automatic;

	/**
	 * Create a snapshot store.
	 * @param status the reload state to read
	 * @param retained the resources that outlive generations
	 * @param size how many snapshots to keep
	 * @param automatic whether to take one before and after each reload
	 */
	public Snapshots(ReloadStatus status, RetainedResources retained, int size, boolean automatic) {
		Assert.notNull(status, "'status' must not be null");
		this.status = status;
		this.retained = retained;
		configure(size, automatic);
	}

	private void configure(int size, boolean automatic) {
		this.size = Math.max(size, 2);
		this.automatic = automatic;
	}

	@Override
	public void configure(ReloadHookProperties properties) {
		configure(properties.getSnapshots().getSize(), properties.getSnapshots().isAutomatic());
	}

	@Override
	public void starting(long reload, ReloadTrigger trigger) {
		if (this.automatic && trigger.type() != ReloadTrigger.Type.STARTUP) {
			take("before-reload", reload);
		}
	}

	@Override
	public void reloaded(ReloadRecord reload, @Nullable ConfigurableApplicationContext serving) {
		if (this.automatic) {
			take("after-reload", reload.id());
		}
	}

	/**
	 * Take a snapshot now and keep it.
	 * @param cause why it is taken
	 * @param reload the reload it is taken for, if any
	 * @return the snapshot
	 */
	public Snapshot take(String cause, @Nullable Long reload) {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
		List<GenerationState> generations = this.status.generations();
		int inFlight = generations.stream().mapToInt(GenerationState::inFlight).sum();
		List<ThreadState> threads = GenerationOwnership.liveThreads().stream().map(ThreadState::of).toList();
		Snapshot snapshot = new Snapshot(this.counter.incrementAndGet(), Instant.now(), cause, reload,
				this.status.servingGeneration(), heap.getUsed(), heap.getCommitted(),
				classLoading.getLoadedClassCount(), classLoading.getUnloadedClassCount(), generations, inFlight, threads,
				this.retained.describe());
		synchronized (this.kept) {
			this.kept.addLast(snapshot);
			while (this.kept.size() > this.size) {
				this.kept.removeFirst();
			}
		}
		return snapshot;
	}

	/**
	 * Return the kept snapshots, oldest first.
	 * @return the snapshots
	 */
	public List<Snapshot> list() {
		synchronized (this.kept) {
			return new ArrayList<>(this.kept);
		}
	}

	/**
	 * Return a kept snapshot.
	 * @param id its number
	 * @return the snapshot, or {@code null} if it is not kept
	 */
	public @Nullable Snapshot get(long id) {
		synchronized (this.kept) {
			return this.kept.stream().filter((snapshot) -> snapshot.id() == id).findFirst().orElse(null);
		}
	}

}
