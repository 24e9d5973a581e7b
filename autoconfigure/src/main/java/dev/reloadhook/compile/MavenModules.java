package dev.reloadhook.compile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reloadhook.watch.FileTrees;
import org.jspecify.annotations.Nullable;

/**
 * Jars on the class path that are modules of the application's own Maven build, taken from
 * the local repository (after {@code mvn install}, {@code mvn spring-boot:run} in the
 * application's module): they run from the jar, so their changes never reload, and nothing
 * else would tell the developer why. A module counts when a {@code pom.xml} above the
 * application's project lists it in {@code <modules>}, its own {@code pom.xml} has the
 * jar's artifact id and it has Java sources.
 *
 * @author reload-hook
 */
public final class MavenModules {

	private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<]+?)\\s*</module>");

	private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);

	private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>\\s*([^<]+?)\\s*</artifactId>");

	private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

	private MavenModules() {
	}

	/**
	 * Return one line for each jar on the class path that is a module of the build of one
	 * of the class directories' Maven projects.
	 * @param classDirectories the application's class directories
	 * @param classPath the class path
	 * @return the lines to log, empty when there is no such jar
	 */
	public static List<String> installedModules(List<Path> classDirectories, String classPath) {
		Map<String, Path> modules = new LinkedHashMap<>();
		for (Path classes : classDirectories) {
			SourceRoots roots = SourceRoots.of(classes);
			if (roots != null && !roots.isGradle()) {
				for (Path build = roots.project().getParent(); build != null
						&& Files.isRegularFile(build.resolve("pom.xml")); build = build.getParent()) {
					modulesOf(build).forEach(modules::putIfAbsent);
				}
			}
		}
		List<String> lines = new ArrayList<>();
		if (modules.isEmpty()) {
			return lines;
		}
		Path own = FileTrees.codeLocation(MavenModules.class);
		for (String entry : classPath.split(File.pathSeparator)) {
			Path jar = Path.of(entry);
			// reload-hook's own jar, in a build of reload-hook (its demo): it never reloads.
			if (jar.toAbsolutePath().normalize().equals(own)) {
				continue;
			}
			String artifactId = installedArtifactId(jar);
			Path module = (artifactId != null) ? modules.get(artifactId) : null;
			if (module != null) {
				lines.add(jar.getFileName() + " is module " + artifactId + " of this build (" + module
						+ "), taken from the local repository: it runs from the jar and does not reload. "
						+ "Run the application from the build's root with 'mvn -pl <application module> -am "
						+ "spring-boot:run' to have its class directory reloaded too (with the property "
						+ "spring-boot.run.skip true in the root's pom and false in the application's)");
			}
		}
		return lines;
	}

	/**
	 * The artifact id of a jar in a Maven repository's layout:
	 * {@code <artifactId>/<version>/<artifactId>-<version>.jar}.
	 */
	private static @Nullable String installedArtifactId(Path jar) {
		Path version = jar.getParent();
		Path artifact = (version != null) ? version.getParent() : null;
		if (artifact == null || version.getFileName() == null || artifact.getFileName() == null) {
			return null;
		}
		String artifactId = artifact.getFileName().toString();
		String expected = artifactId + "-" + version.getFileName() + ".jar";
		return jar.getFileName().toString().equals(expected) ? artifactId : null;
	}

	/** The modules a pom lists that have Java sources, by artifact id. */
	private static Map<String, Path> modulesOf(Path build) {
		Map<String, Path> modules = new LinkedHashMap<>();
		String pom = read(build.resolve("pom.xml"));
		Matcher module = MODULE.matcher(pom);
		while (module.find()) {
			Path directory = build.resolve(module.group(1)).normalize();
			Matcher artifactId = ARTIFACT_ID.matcher(PARENT.matcher(read(directory.resolve("pom.xml"))).replaceAll(""));
			if (artifactId.find() && Files.isDirectory(directory.resolve("src/main/java"))) {
				modules.put(artifactId.group(1), directory);
			}
		}
		return modules;
	}

	private static String read(Path pom) {
		try {
			return COMMENT.matcher(Files.readString(pom)).replaceAll("");
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
