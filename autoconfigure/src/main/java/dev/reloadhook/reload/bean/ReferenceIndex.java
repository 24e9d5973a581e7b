package dev.reloadhook.reload.bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.reloadhook.bytecode.ClassReferenceCache;
import dev.reloadhook.watch.FileTrees;
import org.jspecify.annotations.Nullable;

/**
 * Which class of the class directories refers to which (each class file read through a
 * {@link ClassReferenceCache}).
 *
 * @author reload-hook
 */
final class ReferenceIndex {

	private final ClassReferenceCache references = new ClassReferenceCache();

	/**
	 * Find a class that refers to one of the given classes.
	 * @param roots the class directories
	 * @param targets the internal names looked for
	 * @param ignored the internal names of the classes whose references do not count
	 * @return which class refers to which ({@code "a.B refers to a.C"}), or {@code null}
	 * when none refers to them
	 */
	@Nullable String referrer(List<Path> roots, Set<String> targets, Set<String> ignored) {
		Map<String, String> found = referrers(roots, targets, ignored, true);
		return found.isEmpty() ? null : found.entrySet().iterator().next().getValue();
	}

	/**
	 * Find every class that refers to one of the given classes.
	 * @param roots the class directories
	 * @param targets the internal names looked for
	 * @param ignored the internal names of the classes whose references do not count
	 * @return the internal names of the referrers, each with what it refers to
	 * ({@code "a.B refers to a.C"})
	 */
	Map<String, String> referrers(List<Path> roots, Set<String> targets, Set<String> ignored) {
		return referrers(roots, targets, ignored, false);
	}

	/**
	 * Return the internal names of every class in the class directories.
	 * @param roots the class directories
	 * @return the internal names
	 */
	Set<String> classNames(List<Path> roots) {
		Set<String> names = new LinkedHashSet<>();
		for (Path root : roots) {
			for (Path file : FileTrees.files(root, ".class")) {
				names.add(internalName(root, file));
			}
		}
		return names;
	}

	private Map<String, String> referrers(List<Path> roots, Set<String> targets, Set<String> ignored, boolean first) {
		Map<String, String> found = new LinkedHashMap<>();
		for (Path root : roots) {
			try {
				for (Path file : FileTrees.files(root, ".class")) {
					String name = internalName(root, file);
					if (ignored.contains(name) || found.containsKey(name)) {
						continue;
					}
					Set<String> references = this.references.of(file);
					for (String target : targets) {
						if (references.contains(target)) {
							found.put(name, name.replace('/', '.') + " refers to " + target.replace('/', '.'));
							if (first) {
								return found;
							}
							break;
						}
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return found;
	}

	private static String internalName(Path root, Path file) {
		String name = root.relativize(file).toString().replace('\\', '/');
		return name.substring(0, name.length() - ".class".length());
	}

}
