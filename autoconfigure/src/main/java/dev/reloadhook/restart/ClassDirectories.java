package dev.reloadhook.restart;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The application's own class directories: the directories on the class path, except the
 * one reload-hook itself was loaded from (when it is built in the same reactor).
 *
 * @author reload-hook
 */
public final class ClassDirectories {

	private final List<Path> directories;

	private ClassDirectories(List<Path> directories) {
		this.directories = List.copyOf(directories);
	}

	/**
	 * Find the class directories of the running JVM's class path.
	 * @param classPath the class path, usually {@code java.class.path}
	 * @return the class directories
	 */
	public static ClassDirectories fromClassPath(String classPath) {
		Path own = ownLocation();
		List<Path> directories = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (entry.isBlank()) {
				continue;
			}
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (Files.isDirectory(path) && !path.equals(own)) {
				directories.add(path);
			}
		}
		return new ClassDirectories(directories);
	}

	private static @Nullable Path ownLocation() {
		CodeSource source = ClassDirectories.class.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return null;
		}
		try {
			return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Return the directories.
	 * @return the directories, in class path order
	 */
	public List<Path> paths() {
		return this.directories;
	}

	/**
	 * Return whether there is no class directory at all (for example when running from a
	 * packaged jar).
	 * @return whether the list is empty
	 */
	public boolean isEmpty() {
		return this.directories.isEmpty();
	}

	/**
	 * Return the directories as URLs for a class loader.
	 * @return the URLs
	 */
	public URL[] urls() {
		return this.directories.stream().map(ClassDirectories::toUrl).toArray(URL[]::new);
	}

	private static URL toUrl(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("Cannot use " + path + " as a class directory", ex);
		}
	}

}
