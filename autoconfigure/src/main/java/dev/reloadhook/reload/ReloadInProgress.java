package dev.reloadhook.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

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

	private BooleanSupplier followed = () -> false;

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

	/**
	 * Return the reload number.
	 * @return the number, counted from 1
	 */
	public long id() {
		return this.id;
	}

	/**
	 * Return what asked for the reload.
	 * @return the trigger
	 */
	public ReloadTrigger trigger() {
		return this.trigger;
	}

	/**
	 * Note the tier that applies the reload, and why.
	 * @param tier the tier
	 * @param reason why this tier
	 * @param changes the changed classes
	 */
	public void tier(ReloadTier tier, String reason, List<ClassChange> changes) {
		this.tier = tier;
		this.reason = reason;
		this.classes = changes.stream().map(ClassChange::className).toList();
	}

	/**
	 * Note how long a phase took.
	 * @param phase the phase
	 * @param duration its duration
	 */
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

	/**
	 * Tell how to learn whether another reload waits for this one to end.
	 * @param followed whether another reload waits
	 */
	void followedWhen(BooleanSupplier followed) {
		this.followed = followed;
	}

	/**
	 * Return whether another reload waits for this one to end: work that need not hold it
	 * up (the rest of a drain) can go on in the background.
	 * @return whether another reload waits
	 */
	public boolean isFollowed() {
		return this.followed.getAsBoolean();
	}

	/**
	 * Note how many requests the replaced generation was serving when it retired.
	 * @param requests the in-flight request count
	 */
	public void held(int requests) {
		this.heldRequests = requests;
	}

	/**
	 * Make the record of the reload as it stands.
	 * @param generation the generation that serves its result (or failed)
	 * @param outcome the outcome
	 * @param error the failure in one line, {@code null} on success
	 * @return the record
	 */
	public ReloadRecord toRecord(int generation, ReloadOutcome outcome, @Nullable String error) {
		return new ReloadRecord(this.id, generation, this.trigger, this.tier, this.reason, this.classes, outcome,
				this.startedAt, Duration.ofNanos(System.nanoTime() - this.startNanos), this.phases, error,
				this.heldRequests);
	}

}
