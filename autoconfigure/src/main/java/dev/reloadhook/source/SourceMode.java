package dev.reloadhook.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.watch.ChangeSet;
import dev.reloadhook.watch.ChangedFile;
import dev.reloadhook.watch.ClassDirectoryWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Watches a project's source and resource directories and keeps its class directory up to
 * date: changed sources are compiled, changed resources copied, deleted ones removed. The
 * class directory's own watcher then reloads as usual. Sources whose class file is
 * already newer (an IDE compiled them) are left alone.
 *
 * @author reload-hook
 */
public final class SourceMode implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SourceMode.class);

	private final SourceRoots roots;

	private final SourceCompiler compiler;

	private final CompilationListener listener;

	private final ClassDirectoryWatcher watcher;

	/**
	 * Create source mode for one project.
	 * @param roots the project's directories
	 * @param classPath the class path to compile against
	 * @param quietPeriod how long saves must settle before compiling
	 * @param listener told about each compilation
	 */
	public SourceMode(SourceRoots roots, String classPath, Duration quietPeriod, CompilationListener listener) {
		this.roots = roots;
		this.compiler = new SourceCompiler(roots, classPath);
		this.listener = listener;
		List<Path> watched = new ArrayList<>();
		watched.add(roots.java());
		if (roots.resources() != null) {
			watched.add(roots.resources());
		}
		this.watcher = new ClassDirectoryWatcher(watched, quietPeriod, (name) -> false, this::onChange);
	}

	/**
	 * Start watching.
	 */
	public void start() {
		this.watcher.start();
	}

	@Override
	public void close() {
		this.watcher.close();
	}

	private void onChange(ChangeSet changeSet) {
		List<Path> sources = new ArrayList<>();
		List<ChangedFile> compiled = new ArrayList<>();
		for (ChangedFile file : changeSet.files()) {
			try {
				if (file.root().equals(this.roots.resources())) {
					mirror(file);
				}
				else if (file.path().toString().endsWith(".java")) {
					if (file.kind() == ChangedFile.Kind.DELETED) {
						deleteClasses(file.path());
					}
					else if (isStale(file.path())) {
						sources.add(file.path());
						compiled.add(file);
					}
				}
			}
			catch (IOException ex) {
				logger.warn("Cannot update the class directory for " + file.relativeName() + ": " + ex.getMessage());
			}
		}
		if (!sources.isEmpty()) {
			CompilationResult result = this.compiler.compile(sources);
			result.errors().forEach(logger::error);
			this.listener.compiled(result, compiled);
		}
	}

	private void mirror(ChangedFile file) throws IOException {
		Path target = this.roots.classes().resolve(file.relativeName());
		if (file.kind() == ChangedFile.Kind.DELETED) {
			Files.deleteIfExists(target);
		}
		else {
			Files.createDirectories(target.getParent());
			Files.copy(file.path(), target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Whether the source is newer than its class file: an IDE that compiles on save got
	 * there first otherwise.
	 */
	private boolean isStale(Path source) throws IOException {
		Path classFile = this.compiler.classFileOf(source);
		if (!Files.exists(classFile) || !Files.exists(source)) {
			return Files.exists(source);
		}
		FileTime sourceTime = Files.getLastModifiedTime(source);
		return Files.getLastModifiedTime(classFile).compareTo(sourceTime) < 0;
	}

	private void deleteClasses(Path source) throws IOException {
		Path classFile = this.compiler.classFileOf(source);
		Files.deleteIfExists(classFile);
		String name = classFile.getFileName().toString();
		String nested = name.substring(0, name.length() - ".class".length()) + "$*.class";
		if (Files.isDirectory(classFile.getParent())) {
			try (DirectoryStream<Path> inner = Files.newDirectoryStream(classFile.getParent(), nested)) {
				for (Path path : inner) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	/**
	 * Told about each compilation.
	 */
	@FunctionalInterface
	public interface CompilationListener {

		/**
		 * Called after a compilation, successful or not.
		 * @param result the result
		 * @param sources the source files compiled
		 */
		void compiled(CompilationResult result, List<ChangedFile> sources);

	}

}
