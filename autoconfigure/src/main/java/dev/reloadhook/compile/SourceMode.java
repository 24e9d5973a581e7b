package dev.reloadhook.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.reloadhook.watch.ChangeSet;
import dev.reloadhook.watch.ChangedFile;
import dev.reloadhook.watch.ClassDirectoryWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches a project's source and resource directories and keeps its class directories up
 * to date: saved sources are compiled into a staging directory, and only once the whole
 * compilation succeeded are its class files moved into the class directory, with the
 * saved resources and the deletions, as one change set that the listener gets at once
 * (the class directory's watcher does not report these writes). Sources whose class file
 * is already newer (an IDE compiled them) are left alone.
 *
 * @author reload-hook
 */
public final class SourceMode implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SourceMode.class);

	private final SourceRoots roots;

	private final SourceCompiler compiler;

	private final ClassDirectoryWatcher classWatcher;

	private final SourceListener listener;

	private final ClassDirectoryWatcher watcher;

	/** Saves not applied yet because their compilation failed: retried with the next. */
	private final Map<Path, ChangedFile> carried = new LinkedHashMap<>();

	private @Nullable Instant carriedSince;

	private boolean waitingForClasses;

	/**
	 * Create source mode for one project.
	 * @param roots the project's directories
	 * @param compiler compiles its sources
	 * @param quietPeriod how long saves must settle before compiling
	 * @param classWatcher the watcher of the class directories, told which files source
	 * mode writes itself
	 * @param listener told about each burst of saves
	 */
	public SourceMode(SourceRoots roots, SourceCompiler compiler, Duration quietPeriod,
			ClassDirectoryWatcher classWatcher, SourceListener listener) {
		this.roots = roots;
		this.compiler = compiler;
		this.classWatcher = classWatcher;
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
		this.compiler.close();
	}

	private void onChange(ChangeSet changeSet) {
		Instant firstSave = (this.carriedSince != null) ? this.carriedSince : changeSet.firstChange();
		changeSet.files().forEach((file) -> this.carried.merge(file.path(), file, SourceMode::later));
		List<ChangedFile> saved = List.copyOf(this.carried.values());
		if (!Files.isDirectory(this.roots.classes())) {
			if (!this.waitingForClasses) {
				logger.info(this.roots.classes() + " is gone (a clean build?): saves wait until the build writes it again");
				this.waitingForClasses = true;
			}
			this.carriedSince = firstSave;
			return;
		}
		this.waitingForClasses = false;
		Plan plan = new Plan();
		List<Path> sources = new ArrayList<>();
		for (ChangedFile file : saved) {
			if (file.root().equals(this.roots.resources())) {
				plan.mirror(file);
			}
			else if (file.path().toString().endsWith(".java")) {
				if (file.kind() == ChangedFile.Kind.DELETED || !Files.exists(file.path())) {
					ClassFiles.of(this.roots, file.path()).forEach(plan::deleteClass);
				}
				else if (isStale(file.path())) {
					sources.add(file.path());
				}
			}
		}
		Compilation compilation = null;
		if (!sources.isEmpty()) {
			compilation = this.compiler.compile(sources);
			if (!compilation.succeeded()) {
				compilation.errors().forEach(logger::error);
				// The saves are compiled again with the next one, but this failure is a reload
				// of its own: the next one's time starts at its own save.
				this.carriedSince = null;
				this.listener.changed(new SourceChange(saved, List.of(), firstSave, changeSet.lastChange(),
						compilation.duration(), compilation.errors()));
				return;
			}
		}
		this.carried.clear();
		this.carriedSince = null;
		try {
			if (compilation != null) {
				plan.compiled(compilation);
			}
			if (!plan.isEmpty()) {
				this.classWatcher.writeUnreported(plan.targets(), plan::apply);
				List<ChangedFile> reloading = plan.reloading();
				if (reloading.isEmpty()) {
					logger.info("Copied " + plan.written().size() + " saved file(s) to " + this.roots.resourceOutput()
							+ ", served from there without a reload: " + names(plan.written()));
					return;
				}
				this.listener.changed(new SourceChange(saved, reloading, firstSave, changeSet.lastChange(),
						(compilation != null) ? compilation.duration() : Duration.ZERO, List.of()));
			}
		}
		catch (UncheckedIOException ex) {
			logger.warn("Cannot update the class directory " + this.roots.classes() + ": " + ex.getMessage());
		}
		finally {
			if (compilation != null) {
				SourceCompiler.deleteStaging(compilation.staging());
			}
		}
	}

	private static String names(List<ChangedFile> files) {
		return files.stream().map(ChangedFile::relativeName).collect(Collectors.joining(", "));
	}

	private static ChangedFile later(ChangedFile earlier, ChangedFile later) {
		ChangedFile.Kind kind = earlier.kind().then(later.kind());
		return new ChangedFile(later.root(), later.path(), (kind != null) ? kind : ChangedFile.Kind.DELETED);
	}

	/**
	 * Whether the source is newer than its class file: an IDE that compiles on save got
	 * there first otherwise.
	 */
	private boolean isStale(Path source) {
		String relative = this.roots.java().relativize(source).toString();
		Path classFile = this.roots.classes()
			.resolve(relative.substring(0, relative.length() - ".java".length()) + ".class");
		try {
			if (!Files.exists(classFile)) {
				return true;
			}
			FileTime sourceTime = Files.getLastModifiedTime(source);
			// Equal times are stale: file systems stamp times at a coarse tick, and a save right
			// after a build can share it.
			return Files.getLastModifiedTime(classFile).compareTo(sourceTime) <= 0;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * The writes of one change set: class files moved from the staging directory, class
	 * files deleted, resources copied or deleted.
	 */
	private final class Plan {

		/** Target → what to write there. */
		private final Map<Path, Write> writes = new LinkedHashMap<>();

		private final List<ChangedFile> written = new ArrayList<>();

		void mirror(ChangedFile resource) {
			Path target = SourceMode.this.roots.resourceOutput().resolve(resource.relativeName());
			boolean deleted = resource.kind() == ChangedFile.Kind.DELETED || !Files.exists(resource.path());
			this.writes.put(target, new Write(deleted ? null : resource.path(), false));
			this.written.add(new ChangedFile(SourceMode.this.roots.resourceOutput(), target,
					deleted ? ChangedFile.Kind.DELETED : kindOf(target)));
		}

		void deleteClass(String relativeName) {
			Path target = SourceMode.this.roots.classes().resolve(relativeName);
			this.writes.put(target, new Write(null, false));
			this.written.add(new ChangedFile(SourceMode.this.roots.classes(), target, ChangedFile.Kind.DELETED));
		}

		void compiled(Compilation compilation) {
			Path staging = compilation.staging();
			Path classes = SourceMode.this.roots.classes();
			for (Path source : compilation.sources()) {
				for (String existing : ClassFiles.of(SourceMode.this.roots, source)) {
					if (!compilation.classFiles().contains(existing)) {
						deleteClass(existing);
					}
				}
			}
			for (String classFile : compilation.classFiles()) {
				Path target = classes.resolve(classFile);
				Path compiled = staging.resolve(classFile);
				// Unchanged bytes are reported but not written: the reload finds them unchanged.
				if (!sameContent(compiled, target)) {
					this.writes.put(target, new Write(compiled, true));
				}
				this.written.add(new ChangedFile(classes, target, kindOf(target)));
			}
		}

		boolean isEmpty() {
			return this.written.isEmpty();
		}

		List<Path> targets() {
			return List.copyOf(this.writes.keySet());
		}

		List<ChangedFile> written() {
			return this.written;
		}

		/**
		 * The written files that reload the application: static files and templates are
		 * served from the class directory as they are, as when a build copies them.
		 */
		List<ChangedFile> reloading() {
			return this.written.stream()
				.filter((file) -> !SourceMode.this.classWatcher.isExcluded(file.relativeName()))
				.toList();
		}

		void apply() {
			try {
				for (Map.Entry<Path, Write> entry : this.writes.entrySet()) {
					Path target = entry.getKey();
					Path from = entry.getValue().from();
					if (from == null) {
						Files.deleteIfExists(target);
						continue;
					}
					Files.createDirectories(target.getParent());
					if (entry.getValue().move()) {
						Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
					}
					else {
						Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static ChangedFile.Kind kindOf(Path target) {
			return Files.exists(target) ? ChangedFile.Kind.MODIFIED : ChangedFile.Kind.ADDED;
		}

		private static boolean sameContent(Path compiled, Path existing) {
			try {
				return Files.exists(existing) && Arrays.equals(Files.readAllBytes(compiled), Files.readAllBytes(existing));
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	/**
	 * A file to move or copy to a target, or ({@code from} {@code null}) the target to
	 * delete.
	 */
	private record Write(@Nullable Path from, boolean move) {
	}

	/**
	 * Told about each burst of saves, once it is compiled and applied, or failed.
	 */
	@FunctionalInterface
	public interface SourceListener {

		/**
		 * Called on the source watcher's thread.
		 * @param change what the saves changed
		 */
		void changed(SourceChange change);

	}

}
