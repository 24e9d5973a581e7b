package dev.reloadhook.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What asked for a reload.
 *
 * @param type the kind of trigger
 * @param files the changed files, relative to their class directory (empty unless
 * {@link Type#FILES})
 * @param detection how long it took from the first change to the decision to reload
 * (the quiet period, mostly)
 * @author reload-hook
 */
public record ReloadTrigger(Type type, List<String> files, Duration detection) {

	/**
	 * Create a trigger.
	 * @param type the kind of trigger
	 * @param files the changed files
	 * @param detection the detection time
	 */
	public ReloadTrigger {
		files = List.copyOf(files);
	}

	/**
	 * The trigger of the first generation.
	 * @return the trigger
	 */
	public static ReloadTrigger startup() {
		return new ReloadTrigger(Type.STARTUP, List.of(), Duration.ZERO);
	}

	/**
	 * A reload asked for by a person or a tool (e.g. {@code POST /actuator/reload}).
	 * @return the trigger
	 */
	public static ReloadTrigger manual() {
		return new ReloadTrigger(Type.MANUAL, List.of(), Duration.ZERO);
	}

	/**
	 * A reload caused by changed files.
	 * @param files the changed files, relative to their class directory
	 * @param detection the time from the first change to now
	 * @return the trigger
	 */
	public static ReloadTrigger files(List<String> files, Duration detection) {
		return new ReloadTrigger(Type.FILES, files, detection);
	}

	/**
	 * Merge a trigger that arrived while this one was waiting: one reload serves both.
	 * @param later the later trigger
	 * @return the merged trigger
	 */
	public ReloadTrigger merge(ReloadTrigger later) {
		Set<String> merged = new LinkedHashSet<>(this.files);
		merged.addAll(later.files);
		Type mergedType = (this.type == Type.FILES || later.type == Type.FILES) ? Type.FILES : later.type;
		return new ReloadTrigger(mergedType, new ArrayList<>(merged), this.detection);
	}

	/**
	 * The kind of trigger.
	 */
	public enum Type {

		/** The application's first start. */
		STARTUP,

		/** Files changed. */
		FILES,

		/** Asked for explicitly. */
		MANUAL

	}

}
