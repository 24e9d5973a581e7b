package dev.reloadhook.reload.restart;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.compile.GradleProjects;
import dev.reloadhook.watch.FileTrees;

/**
 * The application's own class directories: the directories on the class path, except the
 * one reload-hook itself was loaded from (when it is built in the same reactor) and those
 * {@code META-INF/spring-devtools.properties} excludes ({@code restart.exclude.*}), and the
 * jars it includes ({@code restart.include.*}), which each generation loads but which are
 * not watched. A jar of another project of a Gradle build is replaced by that project's
 * class and resource directories ({@link GradleProjects}).
 *
 * @author reload-hook
 */
public final class ClassDirectories {

	private final List<Path> directories;

	private final List<Path> jars;

	private ClassDirectories(List<Path> directories, List<Path> jars) {
		this.directories = List.copyOf(directories);
		this.jars = List.copyOf(jars);
	}

	/**
	 * Find the class directories of the running JVM's class path.
	 * @param classPath the class path, usually {@code java.class.path}
	 * @return the class directories
	 */
	public static ClassDirectories fromClassPath(String classPath) {
		Path own = FileTrees.codeLocation(ClassDirectories.class);
		RestartPatterns patterns = RestartPatterns.load(ClassDirectories.class.getClassLoader());
		List<Path> directories = new ArrayList<>();
		List<Path> jars = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (entry.isBlank()) {
				continue;
			}
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (path.equals(own) || patterns.isExcluded(toUrl(path))) {
				continue;
			}
			if (Files.isDirectory(path)) {
				directories.add(path);
			}
			else if (Files.isRegularFile(path) && patterns.isIncluded(toUrl(path))) {
				jars.add(path);
			}
			else {
				// Another project of a Gradle build (bootRun puts its jar on the class path):
				// its class and resource directories reload instead.
				GradleProjects.outputsOf(path).stream().filter((output) -> !directories.contains(output))
					.forEach(directories::add);
			}
		}
		return new ClassDirectories(directories, jars);
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
	 * Return the jars that reload with the class directories
	 * ({@code restart.include.*} of {@code META-INF/spring-devtools.properties}).
	 * @return the jars, in class path order
	 */
	public List<Path> jars() {
		return this.jars;
	}

	/**
	 * Return the directories and included jars as URLs for a generation's class loader.
	 * @return the URLs
	 */
	public URL[] urls() {
		return java.util.stream.Stream.concat(this.directories.stream(), this.jars.stream())
			.map(ClassDirectories::toUrl)
			.toArray(URL[]::new);
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
