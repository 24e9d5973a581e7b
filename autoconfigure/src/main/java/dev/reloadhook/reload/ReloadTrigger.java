package dev.reloadhook.reload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.watch.ChangedFile;

import org.springframework.util.Assert;

/**
 * What asked for a reload.
 *
 * @param type the kind of trigger
 * @param changes the changed files (empty unless {@link Type#FILES})
 * @param detection how long it took from the first change to the decision to reload
 * (the quiet period, mostly)
 * @param requestedTier the tier asked for by a manual trigger
 * @param compilation how long source mode compiled the changed sources, {@link Duration#ZERO}
 * when nothing was compiled
 * @param firstSeenNanos when the first change was seen ({@link System#nanoTime()}), {@code 0}
 * for a trigger that is not about files: a reload's duration counts from it
 * @author reload-hook
 */
public record ReloadTrigger(Type type, List<ChangedFile> changes, Duration detection, RequestedTier requestedTier,
		Duration compilation, long firstSeenNanos) {

	/**
	 * Create a trigger.
	 * @param type the kind of trigger
	 * @param changes the changed files
	 * @param detection the detection time
	 * @param requestedTier the tier asked for by a manual trigger:
	 * {@link RequestedTier#RESTART} or {@link RequestedTier#HOTSWAP};
	 * {@link RequestedTier#FROM_CHANGES} when the tier is chosen from
	 * the changes
	 * @param compilation the compile time
	 * @param firstSeenNanos when the first change was seen
	 */
	public ReloadTrigger {
		changes = List.copyOf(changes);
	}

	/**
	 * Create a trigger without compilation, its duration counted from now.
	 * @param type the kind of trigger
	 * @param changes the changed files
	 * @param detection the detection time
	 * @param requestedTier the tier asked for
	 */
	public ReloadTrigger(Type type, List<ChangedFile> changes, Duration detection, RequestedTier requestedTier) {
		this(type, changes, detection, requestedTier, Duration.ZERO, 0);
	}

	/**
	 * The trigger of the first generation, launched before the trigger reached the
	 * coordinator.
	 * @param launchedNanos when the first generation was launched ({@link System#nanoTime()})
	 * @return the trigger
	 */
	public static ReloadTrigger startup(long launchedNanos) {
		return new ReloadTrigger(Type.STARTUP, List.of(), Duration.ZERO, RequestedTier.FROM_CHANGES, Duration.ZERO,
				launchedNanos);
	}

	/**
	 * A reload asked for by a person or a tool (e.g. {@code POST /actuator/reload}).
	 * @return the trigger
	 */
	public static ReloadTrigger manual() {
		return manual(ReloadTier.RESTART);
	}

	/**
	 * A reload asked for with a tier: a restart, or a hot swap of the class files that
	 * differ from those the serving generation runs (it fails rather than restart when they
	 * cannot be hot swapped).
	 * @param tier {@link ReloadTier#RESTART} or {@link ReloadTier#HOTSWAP}
	 * @return the trigger
	 */
	public static ReloadTrigger manual(ReloadTier tier) {
		Assert.isTrue(tier == ReloadTier.RESTART || tier == ReloadTier.HOTSWAP,
				"A manual reload is a restart or a hot swap");
		return new ReloadTrigger(Type.MANUAL, List.of(), Duration.ZERO,
				(tier == ReloadTier.HOTSWAP) ? RequestedTier.HOTSWAP : RequestedTier.RESTART);
	}

	/**
	 * Return this trigger with the given changes.
	 * @param changes the changed files
	 * @return the trigger
	 */
	public ReloadTrigger withChanges(List<ChangedFile> changes) {
		return new ReloadTrigger(this.type, changes, this.detection, this.requestedTier, this.compilation,
				this.firstSeenNanos);
	}

	/**
	 * Return this trigger with the time source mode spent compiling the sources that
	 * produced its changes.
	 * @param compilation the compile time
	 * @return the trigger
	 */
	public ReloadTrigger withCompilation(Duration compilation) {
		return new ReloadTrigger(this.type, this.changes, this.detection, this.requestedTier, compilation,
				this.firstSeenNanos);
	}

	/**
	 * A reload caused by changed files.
	 * @param changes the changed files
	 * @param detection the time from the first change to now
	 * @return the trigger
	 */
	public static ReloadTrigger files(List<ChangedFile> changes, Duration detection) {
		return new ReloadTrigger(Type.FILES, changes, detection, RequestedTier.FROM_CHANGES, Duration.ZERO,
				System.nanoTime() - detection.toNanos());
	}

	/**
	 * Return the changed files' names, relative to their class directory.
	 * @return the names
	 */
	public List<String> files() {
		return this.changes.stream().map(ChangedFile::relativeName).toList();
	}

	/**
	 * Merge a trigger that arrived while this one was waiting: one reload serves both. A
	 * manual request among them makes the reload manual, with the strongest tier asked for.
	 * @param later the later trigger
	 * @return the merged trigger
	 */
	public ReloadTrigger merge(ReloadTrigger later) {
		Map<java.nio.file.Path, ChangedFile> merged = new LinkedHashMap<>();
		for (ChangedFile file : this.changes) {
			merged.put(file.path(), file);
		}
		for (ChangedFile file : later.changes) {
			ChangedFile previous = merged.get(file.path());
			ChangedFile.Kind kind = (previous != null) ? previous.kind().then(file.kind()) : file.kind();
			if (kind != null) {
				merged.put(file.path(), new ChangedFile(file.root(), file.path(), kind));
			}
			else {
				merged.remove(file.path());
			}
		}
		Type mergedType = (this.type == Type.MANUAL || later.type == Type.MANUAL) ? Type.MANUAL : later.type;
		// The strongest request wins: a restart asked for serves a hot swap asked for too.
		RequestedTier requested = (this.requestedTier.compareTo(later.requestedTier) >= 0) ? this.requestedTier
				: later.requestedTier;
		// Counted from the earliest change: the later one waited for this reload too.
		long firstSeen = (this.firstSeenNanos == 0) ? later.firstSeenNanos
				: (later.firstSeenNanos == 0 || this.firstSeenNanos - later.firstSeenNanos < 0) ? this.firstSeenNanos
						: later.firstSeenNanos;
		return new ReloadTrigger(mergedType, List.copyOf(merged.values()), this.detection, requested,
				this.compilation.plus(later.compilation), firstSeen);
	}

	/**
	 * The kind of trigger.
	 */
	public enum Type {

		/** The application's first start. */
		STARTUP,

		/** Files changed. */
		FILES,

		/** Asked for explicitly: a restart unless a hot swap was asked for. */
		MANUAL

	}

}
