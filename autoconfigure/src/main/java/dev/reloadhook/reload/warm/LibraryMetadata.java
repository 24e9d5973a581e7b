package dev.reloadhook.reload.warm;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.UrlResource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * The parsed class metadata (ASM) of library classes, shared by all generations.
 * Configuration-class parsing reads the class file of every auto-configuration candidate
 * and of every class it imports, hundreds per start: in a restart these are the same
 * library class files each time, read from the same jars.
 * <p>
 * Only classes read from a jar are kept, parsed with the base class loader, by class
 * name: an entry refers to the base class loader and to library annotation types only,
 * never to a generation. Entries are soft, so memory pressure can drop them.
 *
 * @author reload-hook
 */
public final class LibraryMetadata {

	private final Map<String, MetadataReader> readers = new ConcurrentReferenceHashMap<>(1024);

	private final MetadataReaderFactory parser;

	/**
	 * Create the shared metadata of the libraries the given class loader loads.
	 * @param baseClassLoader the class loader the libraries are loaded by, the parent of
	 * every generation's
	 */
	public LibraryMetadata(ClassLoader baseClassLoader) {
		this.parser = MetadataReaderFactory.create(baseClassLoader);
	}

	/**
	 * Return the metadata of a library class read before, by class name.
	 * @param className the class name
	 * @return the metadata, or {@code null} if the class was not read from a jar before
	 */
	@Nullable MetadataReader find(String className) {
		return this.readers.get(className);
	}

	/**
	 * Return the metadata of a class file, parsed now, if the file is in a jar, and keep it
	 * for the next generations (the base class path does not change while the JVM runs).
	 * @param className the class name
	 * @param url where the class file was found
	 * @return the metadata, or {@code null} when the class file is not in a jar (an
	 * application class, read by each generation)
	 * @throws IOException if the class file cannot be read
	 */
	@Nullable MetadataReader read(String className, URL url) throws IOException {
		if (!"jar".equals(url.getProtocol())) {
			return null;
		}
		MetadataReader reader = this.parser.getMetadataReader(new UrlResource(url));
		this.readers.put(className, reader);
		return reader;
	}

	/**
	 * Return how many library classes' metadata is held.
	 * @return the number of classes
	 */
	public int size() {
		return this.readers.size();
	}

}
