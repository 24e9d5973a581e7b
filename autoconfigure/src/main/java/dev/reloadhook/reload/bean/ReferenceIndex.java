package dev.reloadhook.reload.bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
		for (Path root : roots) {
			try {
				for (Path file : FileTrees.files(root, ".class")) {
					String name = root.relativize(file).toString().replace('\\', '/');
					name = name.substring(0, name.length() - ".class".length());
					if (ignored.contains(name)) {
						continue;
					}
					Set<String> references = this.references.of(file);
					for (String target : targets) {
						if (references.contains(target)) {
							return name.replace('/', '.') + " refers to " + target.replace('/', '.');
						}
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return null;
	}

}
