package dev.reloadhook.source;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.reloadhook.classify.ClassShape;

/**
 * Compiles changed sources in-process into the class directory, against the running
 * class path, with the options Spring relies on ({@code -parameters}) and the release of
 * the classes already there. When the compiled classes changed shape (a signature, a
 * constant that other classes inline), the whole source tree is compiled again so that
 * the classes depending on them stay consistent.
 *
 * @author reload-hook
 */
public final class SourceCompiler {

	private final SourceRoots roots;

	private final String classPath;

	private final JavaCompiler compiler;

	private final int release;

	/**
	 * Create a compiler for one source tree.
	 * @param roots the source roots
	 * @param classPath the class path to compile against
	 */
	public SourceCompiler(SourceRoots roots, String classPath) {
		this.roots = roots;
		this.classPath = classPath;
		this.compiler = Objects.requireNonNull(ToolProvider.getSystemJavaCompiler(),
				"No Java compiler: run on a JDK, not a JRE");
		this.release = release();
	}

	/**
	 * Compile the given source files, and the whole tree if their classes changed shape.
	 * @param sources the changed source files
	 * @return the result
	 */
	public CompilationResult compile(List<Path> sources) {
		long start = System.nanoTime();
		Path staging;
		try {
			staging = Files.createTempDirectory("reload-hook-javac");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			// Compiled aside first: the class directory then changes in one burst, whether
			// these classes alone are written or the whole tree.
			List<String> errors = run(sources, staging);
			if (!errors.isEmpty()) {
				return result(sources.size(), errors, start);
			}
			if (changesShape(staging)) {
				List<Path> all = allSources();
				return result(all.size(), run(all, this.roots.classes()), start);
			}
			moveAll(staging, this.roots.classes());
			return result(sources.size(), errors, start);
		}
		finally {
			deleteRecursively(staging);
		}
	}

	private static CompilationResult result(int sources, List<String> errors, long start) {
		return new CompilationResult(sources, errors, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Whether a class that already existed changed shape: the classes depending on it
	 * (a signature, an inlined constant) must be compiled again. New classes have no
	 * dependents yet.
	 */
	private boolean changesShape(Path staging) {
		try (Stream<Path> files = Files.walk(staging)) {
			return files.filter((file) -> file.toString().endsWith(".class")).anyMatch((file) -> {
				Path existing = this.roots.classes().resolve(staging.relativize(file).toString());
				try {
					return Files.exists(existing)
							&& !ClassShape.of(Files.readAllBytes(existing)).equals(ClassShape.of(Files.readAllBytes(file)));
				}
				catch (IOException | RuntimeException ex) {
					return true;
				}
			});
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static void moveAll(Path from, Path to) {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: nothing more to do
		}
	}

	private List<String> run(List<Path> sources, Path output) {
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = this.compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			List<String> options = List.of("-d", output.toString(), "-cp",
					this.roots.classes() + File.pathSeparator + this.classPath, "-sourcepath",
					this.roots.java().toString(), "-parameters", "-encoding", "UTF-8", "--release",
					Integer.toString(this.release), "-Xlint:none", "-nowarn");
			Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
			this.compiler.getTask(null, files, diagnostics, options, null, units).call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> errors = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				String file = (diagnostic.getSource() != null) ? Path.of(diagnostic.getSource().toUri()).toString()
						: "?";
				errors.add(file + ":" + diagnostic.getLineNumber() + ": "
						+ diagnostic.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
			}
		}
		return errors;
	}

	/**
	 * The release of the classes already compiled, so that a reload does not change it.
	 */
	private int release() {
		Path sample = anyClassFile();
		if (sample != null) {
			try {
				byte[] header = Files.readAllBytes(sample);
				int major = ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
				return Math.min(major - 44, Runtime.version().feature());
			}
			catch (IOException | ArrayIndexOutOfBoundsException ex) {
				// fall through
			}
		}
		return Runtime.version().feature();
	}

	private Path anyClassFile() {
		try (Stream<Path> files = Files.walk(this.roots.classes())) {
			return files.filter((file) -> file.toString().endsWith(".class")).findFirst().orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Return the class file that a source file compiles to (its top-level class).
	 * @param source the source file
	 * @return the class file
	 */
	Path classFileOf(Path source) {
		String relative = this.roots.java().relativize(source).toString();
		return this.roots.classes().resolve(relative.substring(0, relative.length() - ".java".length()) + ".class");
	}

	private List<Path> allSources() {
		try (Stream<Path> files = Files.walk(this.roots.java())) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
