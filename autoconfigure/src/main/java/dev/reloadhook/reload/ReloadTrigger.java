package dev.reloadhook.reload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.watch.ChangedFile;

/**
 * What asked for a reload.
 *
 * @param type the kind of trigger
 * @param changes the changed files (empty unless {@link Type#FILES})
 * @param detection how long it took from the first change to the decision to reload
 * (the quiet period, mostly)
 * @author reload-hook
 */
public record ReloadTrigger(Type type, List<ChangedFile> changes, Duration detection) {

	/**
	 * Create a trigger.
	 * @param type the kind of trigger
	 * @param changes the changed files
	 * @param detection the detection time
	 */
	public ReloadTrigger {
		changes = List.copyOf(changes);
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
	 * @param changes the changed files
	 * @param detection the time from the first change to now
	 * @return the trigger
	 */
	public static ReloadTrigger files(List<ChangedFile> changes, Duration detection) {
		return new ReloadTrigger(Type.FILES, changes, detection);
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
	 * manual request among them makes the reload a restart.
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
		return new ReloadTrigger(mergedType, List.copyOf(merged.values()), this.detection);
	}

	/**
	 * The kind of trigger.
	 */
	public enum Type {

		/** The application's first start. */
		STARTUP,

		/** Files changed. */
		FILES,

		/** Asked for explicitly: always a restart. */
		MANUAL

	}

}
