package dev.reloadhook.classify;

import java.util.List;

/**
 * The verdict on a change set.
 *
 * @param kind the strongest kind of change in the set
 * @param reason why, in a few words (e.g. {@code "fields of com.example.Foo changed"})
 * @param classes the class files that changed (not the unchanged ones)
 * @author reload-hook
 */
public record Classification(ChangeKind kind, String reason, List<ClassChange> classes) {

	/**
	 * Create a classification.
	 * @param kind the kind
	 * @param reason the reason
	 * @param classes the changed classes
	 */
	public Classification {
		classes = List.copyOf(classes);
	}

}
