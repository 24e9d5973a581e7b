package dev.reloadhook.bytecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ClassReferences} of class files on disk, each read once and read again only
 * when the file changed (by size and modification time): asking which classes refer to a
 * changed one then costs a directory walk, not a parse of every class file.
 *
 * @author reload-hook
 */
public final class ClassReferenceCache {

	private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Return the internal names a class file refers to.
	 * @param classFile the class file
	 * @return the referenced internal names, the class's own included
	 * @throws IOException when the file cannot be read
	 */
	public Set<String> of(Path classFile) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(classFile, BasicFileAttributes.class);
		Entry entry = this.entries.get(classFile);
		if (entry == null || !entry.modified().equals(attributes.lastModifiedTime()) || entry.size() != attributes.size()) {
			entry = new Entry(attributes.lastModifiedTime(), attributes.size(),
					ClassReferences.of(Files.readAllBytes(classFile)));
			this.entries.put(classFile, entry);
		}
		return entry.references();
	}

	private record Entry(FileTime modified, long size, Set<String> references) {
	}

}
