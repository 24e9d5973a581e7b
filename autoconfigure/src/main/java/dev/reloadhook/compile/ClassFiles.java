package dev.reloadhook.compile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The class files in the class directory that a source file compiled to: its top-level
 * class and the classes nested in it.
 *
 * @author reload-hook
 */
final class ClassFiles {

	private static final Log logger = LogFactory.getLog(ClassFiles.class);

	private ClassFiles() {
	}

	/**
	 * Return the class files of a source, relative to the class directory (e.g.
	 * {@code com/example/Foo.class}, {@code com/example/Foo$1.class}).
	 * @param roots the project's directories
	 * @param source the source file
	 * @return the class files that exist now
	 */
	static List<String> of(SourceRoots roots, Path source) {
		String relative = roots.java().relativize(source).toString().replace('\\', '/');
		String base = relative.substring(0, relative.length() - ".java".length());
		Path topLevel = roots.classes().resolve(base + ".class");
		Path directory = topLevel.getParent();
		List<String> names = new ArrayList<>();
		if (directory == null || !Files.isDirectory(directory)) {
			return names;
		}
		String simpleName = topLevel.getFileName().toString();
		simpleName = simpleName.substring(0, simpleName.length() - ".class".length());
		String prefix = base.substring(0, base.length() - simpleName.length());
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, simpleName + "{.class,$*.class}")) {
			for (Path file : files) {
				names.add(prefix + file.getFileName());
			}
		}
		catch (IOException ex) {
			// Nothing to list: the directory is going away.
			logger.debug("Nothing to list: the directory is going away", ex);
		}
		return names;
	}

}
