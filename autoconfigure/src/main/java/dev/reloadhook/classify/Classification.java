package dev.reloadhook.classify;

import java.util.List;

import dev.reloadhook.watch.ChangedFile;

/**
 * The verdict on a change set.
 *
 * @param kind the strongest kind of change in the set
 * @param reason why, in a few words (e.g. {@code "fields of com.example.Foo changed"})
 * @param classes the class files that changed (not the unchanged ones)
 * @param files the change set without the resources whose bytes are unchanged (a build
 * writes them again): what a tier that looks at files applies. Class files all stay, the
 * tiers know what an unchanged one means for them.
 * @author reload-hook
 */
public record Classification(ChangeKind kind, String reason, List<ClassChange> classes, List<ChangedFile> files) {

	/**
	 * Create a classification.
	 * @param kind the kind
	 * @param reason the reason
	 * @param classes the changed classes
	 * @param files the change set without its unchanged resources
	 */
	public Classification {
		classes = List.copyOf(classes);
		files = List.copyOf(files);
	}

}
