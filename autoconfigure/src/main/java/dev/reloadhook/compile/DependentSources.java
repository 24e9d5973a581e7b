package dev.reloadhook.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.reloadhook.bytecode.ClassReferenceCache;
import dev.reloadhook.watch.FileTrees;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Which sources depend on given classes: those whose class files refer to them (read from
 * the class directory's constant pools, cached per file version) and, because javac inlines
 * constants and leaves no reference behind, those whose text names them.
 *
 * @author reload-hook
 */
final class DependentSources {

	private static final Log logger = LogFactory.getLog(DependentSources.class);

	private final SourceRoots roots;

	private final ClassReferenceCache references = new ClassReferenceCache();

	DependentSources(SourceRoots roots) {
		this.roots = roots;
	}

	/**
	 * Return the sources that depend on the given classes.
	 * @param classNames internal names ({@code com/example/Foo$Bar}) of the classes
	 * @return the source files, without those of the classes themselves
	 */
	Set<Path> of(Set<String> classNames) {
		Set<Path> sources = new LinkedHashSet<>();
		Set<Path> own = classNames.stream().map(this::sourceOf).collect(Collectors.toSet());
		try {
			FileTrees.files(this.roots.classes(), ".class").forEach((file) -> {
				Set<String> referenced = referencesOf(file);
				if (classNames.stream().anyMatch(referenced::contains)) {
					String relative = this.roots.classes().relativize(file).toString().replace('\\', '/');
					sources.add(sourceOf(relative.substring(0, relative.length() - ".class".length())));
				}
			});
		}
		catch (UncheckedIOException ex) {
			// The class directory is being rebuilt: the text search below still applies.
			logger.debug("Class directory being rebuilt; the text search still applies", ex);
		}
		sources.addAll(naming(classNames));
		sources.removeAll(own);
		sources.removeIf((source) -> !Files.isRegularFile(source));
		return sources;
	}

	private Set<Path> naming(Set<String> classNames) {
		Pattern names = Pattern.compile(classNames.stream()
			.map((name) -> name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('$')) + 1))
			.map(Pattern::quote)
			.collect(Collectors.joining("|", "\\b(?:", ")\\b")));
		return FileTrees.files(this.roots.java(), ".java").stream().filter((file) -> {
			try {
				return names.matcher(Files.readString(file)).find();
			}
			catch (IOException | RuntimeException ex) {
				return true;
			}
		}).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private Set<String> referencesOf(Path classFile) {
		try {
			return this.references.of(classFile);
		}
		catch (IOException | RuntimeException ex) {
			return Set.of();
		}
	}

	/**
	 * The source of a class: its top-level class's file.
	 */
	private Path sourceOf(String internalName) {
		int nested = internalName.indexOf('$');
		String topLevel = (nested > 0) ? internalName.substring(0, nested) : internalName;
		return this.roots.java().resolve(topLevel + ".java");
	}

}
