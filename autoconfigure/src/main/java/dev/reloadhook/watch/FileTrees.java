package dev.reloadhook.watch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lists the files of a directory tree that other processes change while it is read: a
 * compiler, a build's clean, an IDE, reload-hook's own probe file. A file or directory
 * that goes away during the walk is left out instead of failing the whole walk
 * ({@link Files#walk} throws then), so a reader sees what is there and the next change
 * tells it the rest.
 *
 * @author reload-hook
 */
public final class FileTrees {

	private static final Log logger = LogFactory.getLog(FileTrees.class);

	private FileTrees() {
	}

	/**
	 * Return the regular files below a directory whose names end with a suffix.
	 * @param root the directory; none when it does not exist
	 * @param suffix the end of the names, e.g. {@code .class}
	 * @return the files, in the order of the walk
	 */
	public static List<Path> files(Path root, String suffix) {
		List<Path> files = new ArrayList<>();
		walk(root, (file, attributes) -> {
			if (file.getFileName().toString().endsWith(suffix)) {
				files.add(file);
			}
		});
		return files;
	}

	/**
	 * Hand each regular file below a directory to an action, with its attributes.
	 * @param root the directory; nothing happens when it does not exist
	 * @param action receives each file
	 */
	public static void walk(Path root, BiConsumer<Path, BasicFileAttributes> action) {
		if (!Files.isDirectory(root)) {
			return;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					if (attributes.isRegularFile()) {
						action.accept(file, attributes);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					// Gone since its directory was read: it is not there any more.
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			logger.debug("Cannot read " + root + ": " + ex.getMessage());
		}
	}

	/**
	 * Return where a class was loaded from: its jar or class directory, as an absolute,
	 * normalized path.
	 * @param type the class
	 * @return the path, or {@code null} when it is not known or not a file
	 */
	public static @Nullable Path codeLocation(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
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

}
