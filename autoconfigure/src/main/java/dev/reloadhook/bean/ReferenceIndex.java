package dev.reloadhook.bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.watch.FileTrees;

import dev.reloadhook.classify.ClassReferences;
import org.jspecify.annotations.Nullable;

/**
 * Which class of the class directories refers to which: read once per class file and read
 * again only when the file changed (by size and modification time).
 *
 * @author reload-hook
 */
final class ReferenceIndex {

	private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

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
					Set<String> references = references(file);
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

	private Set<String> references(Path file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
		Entry entry = this.entries.get(file);
		if (entry == null || !entry.modified().equals(attributes.lastModifiedTime()) || entry.size() != attributes.size()) {
			entry = new Entry(attributes.lastModifiedTime(), attributes.size(),
					ClassReferences.of(Files.readAllBytes(file)));
			this.entries.put(file, entry);
		}
		return entry.references();
	}

	private record Entry(FileTime modified, long size, Set<String> references) {
	}

}
