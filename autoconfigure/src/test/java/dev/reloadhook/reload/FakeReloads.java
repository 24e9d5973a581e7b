package dev.reloadhook.reload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reloadhook.reload.restart.GenerationState;

/**
 * The reload state as a test sets it, with a real history, and the reload requests it
 * received: what observers read and ask for, without a coordinator or generations.
 */
public final class FakeReloads implements ReloadStatus, ReloadRequests {

	private final ReloadHistory history;

	private final List<ReloadTrigger> requested = new CopyOnWriteArrayList<>();

	private volatile int servingGeneration;

	private volatile boolean reloading;

	private volatile List<GenerationState> generations = List.of();

	public FakeReloads() {
		this(10);
	}

	public FakeReloads(int historySize) {
		this.history = new ReloadHistory(historySize);
	}

	public FakeReloads serving(int generation) {
		this.servingGeneration = generation;
		return this;
	}

	public FakeReloads reloading(boolean reloading) {
		this.reloading = reloading;
		return this;
	}

	public FakeReloads generations(GenerationState... generations) {
		this.generations = List.of(generations);
		return this;
	}

	public ReloadRecord record(ReloadTrigger trigger, ReloadTier tier, ReloadOutcome outcome, Duration duration,
			int heldRequests) {
		return RecordedReloads.record(this.history, trigger, tier, outcome, duration, heldRequests);
	}

	public ReloadRecord record(ReloadRecord record) {
		return RecordedReloads.add(this.history, record);
	}

	/**
	 * Return the triggers of the reloads asked for, in order.
	 */
	public List<ReloadTrigger> requested() {
		return List.copyOf(this.requested);
	}

	@Override
	public void requestReload(ReloadTrigger trigger) {
		this.requested.add(trigger);
	}

	@Override
	public int servingGeneration() {
		return this.servingGeneration;
	}

	@Override
	public boolean isReloading() {
		return this.reloading;
	}

	@Override
	public boolean isWaitingForBuild() {
		return false;
	}

	@Override
	public int liveGenerations() {
		return this.generations.size();
	}

	@Override
	public List<GenerationState> generations() {
		return this.generations;
	}

	@Override
	public ReloadHistory history() {
		return this.history;
	}

}
