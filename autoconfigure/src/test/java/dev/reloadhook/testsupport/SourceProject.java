package dev.reloadhook.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A small application's sources, compiled with {@code javax.tools} into a class
 * directory, the way an IDE or {@code mvn compile} would.
 */
public final class SourceProject {

	private final Path classes;

	private final Map<String, String> sources = new LinkedHashMap<>();

	private final List<Path> dependencies = new ArrayList<>();

	public SourceProject(Path classes) throws IOException {
		this.classes = Files.createDirectories(classes);
	}

	/**
	 * Compile against another module's class directory too.
	 */
	public SourceProject dependsOn(Path classes) {
		this.dependencies.add(classes);
		return this;
	}

	public Path classes() {
		return this.classes;
	}

	/**
	 * Set the source of a class (without compiling it).
	 */
	public SourceProject source(String className, String source) {
		this.sources.put(className, source);
		return this;
	}

	/**
	 * Compile against the given jar too (a library the application depends on).
	 */
	public SourceProject library(Path jar) {
		return dependsOn(jar);
	}

	public SourceProject resource(String name, String content) throws IOException {
		Path file = this.classes.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return this;
	}

	/**
	 * Compile all sources in one compiler run, writing their class files into the class
	 * directory.
	 */
	public void compileAll() {
		compile(new ArrayList<>(this.sources.keySet()));
	}

	/**
	 * Replace one class's source and compile it alone against the others.
	 */
	public void recompile(String className, String source) {
		this.sources.put(className, source);
		compile(List.of(className));
	}

	/**
	 * Compile the given classes into a byte array per class file without writing them.
	 */
	public void compile(List<String> classNames) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
			List<JavaFileObject> units = classNames.stream().map((name) -> unit(name, this.sources.get(name))).toList();
			List<String> options = List.of("-parameters", "-proc:none", "-d", this.classes.toString(), "-cp",
					classPath());
			boolean ok = compiler.getTask(errors, files, null, options, null, units).call();
			if (!ok) {
				throw new IllegalStateException("Compilation failed: " + errors);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String classPath() {
		List<String> entries = new ArrayList<>();
		entries.add(this.classes.toString());
		this.dependencies.forEach((dependency) -> entries.add(dependency.toString()));
		entries.add(TestClassPath.forCompiling());
		return String.join(java.io.File.pathSeparator, entries);
	}

	/**
	 * Package the class directory as a jar, as a build does.
	 */
	public Path jar(Path jar) throws IOException {
		Files.createDirectories(jar.getParent());
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(this.classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new JarEntry(this.classes.relativize(file).toString().replace('\\', '/')));
				out.write(Files.readAllBytes(file));
				out.closeEntry();
			}
		}
		return jar;
	}

	public Path classFile(String className) {
		return this.classes.resolve(className.replace('.', '/') + ".class");
	}

	private static JavaFileObject unit(String className, String source) {
		URI uri = URI.create("string:///" + className.replace('.', '/') + ".java");
		return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}
		};
	}

}
