package dev.reloadhook.compile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import dev.reloadhook.bytecode.ClassShape;
import dev.reloadhook.watch.FileTrees;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * Compiles saved sources in-process into a staging directory, against the running class
 * path, with the build's own options. When a compiled class changed shape (a signature, a
 * constant other classes inline), the sources depending on it are compiled too, round by
 * round, and the whole tree only when that does not settle. One file manager, with the
 * class path opened once, serves every compilation.
 *
 * @author reload-hook
 */
public final class SourceCompiler implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SourceCompiler.class);

	/** Rounds of dependents after which the whole tree is compiled instead. */
	private static final int MAX_ROUNDS = 4;

	private final SourceRoots roots;

	private final JavaCompiler compiler;

	private final StandardJavaFileManager fileManager;

	private final List<Path> classPath;

	private final List<String> options;

	private final DependentSources dependents;

	/**
	 * Create a compiler for one source tree.
	 * @param roots the source roots
	 * @param classPath the class path to compile against
	 * @param settings the build's compiler settings
	 */
	public SourceCompiler(SourceRoots roots, String classPath, CompilerSettings settings) {
		this.roots = roots;
		this.compiler = Objects.requireNonNull(ToolProvider.getSystemJavaCompiler(),
				"No Java compiler: run on a JDK, not a JRE");
		this.fileManager = this.compiler.getStandardFileManager(null, Locale.ROOT, null);
		this.classPath = classPath(roots, classPath, settings.processorPath());
		this.options = options(settings);
		this.dependents = new DependentSources(roots);
		try {
			this.fileManager.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of(roots.java()));
			if (!settings.processorPath().isEmpty()) {
				this.fileManager.setLocationFromPaths(StandardLocation.ANNOTATION_PROCESSOR_PATH,
						settings.processorPath());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> classPath(SourceRoots roots, String classPath, List<Path> processorPath) {
		Set<Path> entries = new LinkedHashSet<>();
		entries.add(roots.classes());
		for (String entry : classPath.split(File.pathSeparator)) {
			if (!entry.isBlank()) {
				Path path = Path.of(entry).toAbsolutePath().normalize();
				// Another Gradle project's jar is as old as its last build: its class
				// directory is what the application runs.
				List<Path> outputs = GradleProjects.outputsOf(path);
				entries.addAll(outputs.isEmpty() ? List.of(path) : outputs);
			}
		}
		// The build compiles against processors' annotations (Lombok's) from a provided or
		// optional dependency that the running application does not have: last, as a
		// fallback.
		entries.addAll(processorPath);
		return List.copyOf(entries);
	}

	private List<String> options(CompilerSettings settings) {
		List<String> options = new ArrayList<>(settings.options());
		if (!options.contains("--release") && !options.contains("-target") && !options.contains("-source")) {
			options.addAll(List.of("--release", Integer.toString(releaseOfClassFiles())));
		}
		options.add("-nowarn");
		return options;
	}

	/**
	 * Return the options the build's settings turned into (output and paths aside).
	 * @return the javac options
	 */
	public List<String> options() {
		return this.options;
	}

	/**
	 * Compile the given source files into a new staging directory, with the sources that
	 * depend on classes whose shape changed.
	 * @param sources the saved source files
	 * @return the compilation; its staging directory is the caller's to delete
	 */
	public Compilation compile(List<Path> sources) {
		long start = System.nanoTime();
		Path staging = createStaging(this.roots.classes());
		Set<Path> compiled = new LinkedHashSet<>(sources);
		List<String> errors = run(sources, staging);
		Set<String> followed = new HashSet<>();
		for (int round = 0; errors.isEmpty(); round++) {
			Set<String> changed = changedShapes(staging, compiled, followed);
			if (changed.isEmpty()) {
				break;
			}
			followed.addAll(changed);
			Set<Path> more = this.dependents.of(changed);
			more.removeAll(compiled);
			if (more.isEmpty()) {
				break;
			}
			if (round == MAX_ROUNDS) {
				logger.info("Compiling all sources of " + this.roots.java() + ": changes reach too far");
				more = new LinkedHashSet<>(allSources());
			}
			compiled.addAll(more);
			errors = run(List.copyOf(more), staging);
			if (round == MAX_ROUNDS) {
				break;
			}
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		if (!errors.isEmpty()) {
			deleteStaging(staging);
			return new Compilation(List.copyOf(compiled), null, List.of(), errors, duration);
		}
		return new Compilation(List.copyOf(compiled), staging, classFiles(staging), List.of(), duration);
	}

	/**
	 * Delete a compilation's staging directory.
	 * @param staging the directory
	 */
	public static void deleteStaging(@Nullable Path staging) {
		if (staging != null) {
			try {
				FileSystemUtils.deleteRecursively(staging);
			}
			catch (IOException ex) {
				logger.debug("Cannot delete " + staging, ex);
			}
		}
	}

	@Override
	public void close() {
		try {
			this.fileManager.close();
		}
		catch (IOException ex) {
			logger.debug("Cannot close the file manager", ex);
		}
	}

	/**
	 * A staging directory beside the class directory (on the same file system, so that
	 * moving a class file into place is a rename), or a temporary one.
	 */
	private static Path createStaging(Path classes) {
		try {
			Path parent = classes.getParent();
			if (parent != null && Files.isWritable(parent)) {
				return Files.createTempDirectory(parent, ".reload-hook-staging");
			}
			return Files.createTempDirectory("reload-hook-javac");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The classes compiled so far whose shape differs from the class directory's, or that
	 * the compiled sources no longer declare: the classes depending on them must be
	 * compiled again. New classes have no dependents yet.
	 */
	private Set<String> changedShapes(Path staging, Set<Path> compiled, Set<String> followed) {
		Set<String> changed = new LinkedHashSet<>();
		List<String> written = classFiles(staging);
		for (String classFile : written) {
			String name = classFile.substring(0, classFile.length() - ".class".length());
			Path existing = this.roots.classes().resolve(classFile);
			if (followed.contains(name) || !Files.exists(existing)) {
				continue;
			}
			try {
				if (!ClassShape.of(Files.readAllBytes(existing))
					.equals(ClassShape.of(Files.readAllBytes(staging.resolve(classFile))))) {
					changed.add(name);
				}
			}
			catch (IOException | RuntimeException ex) {
				changed.add(name);
			}
		}
		for (Path source : compiled) {
			for (String removed : ClassFiles.of(this.roots, source)) {
				String name = removed.substring(0, removed.length() - ".class".length());
				if (!written.contains(removed) && !followed.contains(name)) {
					changed.add(name);
				}
			}
		}
		return changed;
	}

	private List<String> run(List<Path> sources, Path staging) {
		List<Path> classPath = new ArrayList<>();
		// Classes compiled in earlier rounds come first: dependents compile against them.
		classPath.add(staging);
		classPath.addAll(this.classPath);
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try {
			this.fileManager.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(staging));
			Path generated = Files.createDirectories(staging.resolve(".generated-sources"));
			this.fileManager.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
			this.fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
			Iterable<? extends JavaFileObject> units = this.fileManager.getJavaFileObjectsFromPaths(sources);
			this.compiler.getTask(null, this.fileManager, diagnostics, this.options, null, units).call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			// A processor that throws fails the compilation, not the watcher.
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return List.of(sources.get(0) + ":0: compilation failed: " + cause);
		}
		List<String> errors = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				String file = (diagnostic.getSource() != null) ? Path.of(diagnostic.getSource().toUri()).toString()
						: "?";
				errors.add(file + ":" + diagnostic.getLineNumber() + ": " + oneLine(diagnostic.getMessage(Locale.ROOT)));
			}
		}
		return errors;
	}

	/**
	 * The message of a diagnostic on one line, its details kept: {@code cannot find symbol;
	 * symbol: variable broken; location: class app.HelloController}.
	 */
	private static String oneLine(String message) {
		return String.join("; ", message.lines().map((line) -> line.strip().replaceAll("\\s+", " "))
			.filter((line) -> !line.isEmpty())
			.toList());
	}

	private static List<String> classFiles(Path staging) {
		return FileTrees.files(staging, ".class")
			.stream()
			.map((file) -> staging.relativize(file).toString().replace('\\', '/'))
			.sorted()
			.toList();
	}

	/**
	 * The release of the classes already compiled, when the build does not say.
	 */
	private int releaseOfClassFiles() {
		try {
			Path sample = FileTrees.files(this.roots.classes(), ".class").stream().findFirst().orElse(null);
			if (sample != null) {
				byte[] header = Files.readAllBytes(sample);
				int major = ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
				return Math.min(major - 44, Runtime.version().feature());
			}
		}
		catch (IOException | ArrayIndexOutOfBoundsException ex) {
			// fall through
			logger.debug("Class file version unreadable; compiling for the running JVM", ex);
		}
		return Runtime.version().feature();
	}

	private List<Path> allSources() {
		return FileTrees.files(this.roots.java(), ".java");
	}

}
