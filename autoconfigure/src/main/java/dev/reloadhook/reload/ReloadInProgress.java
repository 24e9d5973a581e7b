package dev.reloadhook.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.classify.ClassChange;
import org.jspecify.annotations.Nullable;

/**
 * The reload running on the coordinator's thread: its trigger, the chosen tier and the
 * time of each phase so far. It makes the {@link ReloadRecord} once the reload ends.
 *
 * @author reload-hook
 */
public final class ReloadInProgress {

	private final long id;

	private final ReloadTrigger trigger;

	private final Instant startedAt;

	private final long startNanos;

	private final Map<ReloadPhase, Duration> phases = new EnumMap<>(ReloadPhase.class);

	private ReloadTier tier = ReloadTier.RESTART;

	private String reason = "";

	private List<String> classes = List.of();

	private int heldRequests;

	/**
	 * Create a reload counted from the first change its trigger saw (compilation included),
	 * or from now for a trigger that is not about files.
	 * @param id the reload number
	 * @param trigger the trigger
	 */
	ReloadInProgress(long id, ReloadTrigger trigger) {
		this(id, trigger, (trigger.firstSeenNanos() != 0)
				? Duration.ofNanos(Math.max(0, System.nanoTime() - trigger.firstSeenNanos())) : Duration.ZERO);
	}

	/**
	 * Create a reload whose work began before it reached the coordinator (a compilation).
	 * @param id the reload number
	 * @param trigger the trigger
	 * @param elapsed the time already spent
	 */
	ReloadInProgress(long id, ReloadTrigger trigger, Duration elapsed) {
		this.id = id;
		this.trigger = trigger;
		this.startedAt = Instant.now().minus(elapsed);
		this.startNanos = System.nanoTime() - elapsed.toNanos();
		if (!trigger.detection().isZero()) {
			this.phases.put(ReloadPhase.DETECT, trigger.detection());
		}
		if (!trigger.compilation().isZero()) {
			this.phases.put(ReloadPhase.COMPILE, trigger.compilation());
		}
	}

	public long id() {
		return this.id;
	}

	public ReloadTrigger trigger() {
		return this.trigger;
	}

	public void tier(ReloadTier tier, String reason, List<ClassChange> changes) {
		this.tier = tier;
		this.reason = reason;
		this.classes = changes.stream().map(ClassChange::className).toList();
	}

	public void phase(ReloadPhase phase, Duration duration) {
		this.phases.put(phase, duration);
	}

	/**
	 * Note that a phase ran from the given moment until now, unless already timed.
	 * @param phase the phase
	 * @param startNanos when it started ({@link System#nanoTime()})
	 */
	public void phaseSince(ReloadPhase phase, long startNanos) {
		this.phases.putIfAbsent(phase, Duration.ofNanos(System.nanoTime() - startNanos));
	}

	public void held(int requests) {
		this.heldRequests = requests;
	}

	public ReloadRecord toRecord(int generation, ReloadOutcome outcome, @Nullable String error) {
		return new ReloadRecord(this.id, generation, this.trigger, this.tier, this.reason, this.classes, outcome,
				this.startedAt, Duration.ofNanos(System.nanoTime() - this.startNanos), this.phases, error,
				this.heldRequests);
	}

}
