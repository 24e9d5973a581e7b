package dev.reloadhook.bench;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's class path, resolved by Maven ({@code dependency:build-classpath} on
 * {@code demo-service}), and the variants' class paths derived from it. The demo's class
 * directory and the reload-hook jars are copied into the work directory first, so that a
 * concurrent build cannot change them during the benchmark.
 */
final class DemoClassPath {

	private static final String RELOAD_HOOK_JAR_PREFIX = "reload-hook-spring-boot-";

	private static final String DEVTOOLS_CLASS = "org/springframework/boot/devtools/restart/Restarter.class";

	private final List<String> plainJars;

	private final List<String> reloadHookJars;

	private final String devToolsJar;

	private final Path demoClasses;

	private DemoClassPath(List<String> plainJars, List<String> reloadHookJars, String devToolsJar, Path demoClasses) {
		this.plainJars = plainJars;
		this.reloadHookJars = reloadHookJars;
		this.devToolsJar = devToolsJar;
		this.demoClasses = demoClasses;
	}

	static DemoClassPath resolve(Path root, Demo application, Path work) throws IOException, InterruptedException {
		Path demo = root.resolve(application.module());
		Path builtClasses = demo.resolve("target/classes");
		if (!Files.exists(builtClasses.resolve(application.greetingService().replace('.', '/') + ".class"))) {
			throw new IllegalStateException(builtClasses + " has no GreetingService.class: build first with "
					+ "`mvn -q -DskipTests install` at the repository root");
		}
		Path demoClasses = work.resolve("demo-classes");
		FileTrees.copy(builtClasses, demoClasses);
		Path output = work.resolve("demo-classpath.txt");
		List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-q", "-B", "-ntp", "-f", demo.toString(),
				"dependency:build-classpath", "-Dmdep.includeScope=runtime", "-Dmdep.outputFile=" + output));
		if (!application.mavenProfile().isEmpty()) {
			command.add("-P" + application.mavenProfile());
		}
		Process maven = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("maven-classpath.log").toFile())
			.start();
		if (!maven.waitFor(5, TimeUnit.MINUTES) || maven.exitValue() != 0 || !Files.exists(output)) {
			maven.destroyForcibly();
			throw new IllegalStateException("Resolving the demo's class path failed (" + String.join(" ", command)
					+ "):\n" + Files.readString(work.resolve("maven-classpath.log")));
		}
		List<String> entries = Arrays.stream(Files.readString(output).trim().split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.toList();
		List<String> plain = new ArrayList<>();
		List<String> reloadHook = new ArrayList<>();
		Path jars = Files.createDirectories(work.resolve("jars"));
		for (String entry : entries) {
			Path jar = Path.of(entry);
			if (jar.getFileName().toString().startsWith(RELOAD_HOOK_JAR_PREFIX)) {
				Path copy = jars.resolve(jar.getFileName());
				Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
				reloadHook.add(copy.toString());
			}
			else {
				plain.add(entry);
			}
		}
		if (reloadHook.isEmpty()) {
			throw new IllegalStateException("The demo's class path has no reload-hook jar: " + entries);
		}
		return new DemoClassPath(plain, reloadHook, devToolsJar(), demoClasses);
	}

	private static String mavenExecutable() {
		String home = System.getProperty("maven.home");
		if (home != null) {
			Path mvn = Path.of(home, "bin", "mvn");
			if (Files.isExecutable(mvn)) {
				return mvn.toString();
			}
		}
		return "mvn";
	}

	/**
	 * The spring-boot-devtools jar: on this module's class path (declared in its pom), or in
	 * the local Maven repository.
	 */
	private static String devToolsJar() {
		URL url = DemoClassPath.class.getClassLoader().getResource(DEVTOOLS_CLASS);
		if (url != null && url.getProtocol().equals("jar")) {
			String file = url.getPath();
			return Path.of(java.net.URI.create(file.substring(0, file.indexOf("!/")))).toString();
		}
		throw new IllegalStateException("spring-boot-devtools is not on the benchmark's class path: run it with "
				+ "`mvn -f bench exec:java`");
	}

	Path demoClasses() {
		return this.demoClasses;
	}

	String devToolsJarPath() {
		return this.devToolsJar;
	}

	List<String> reloadHookJars() {
		return this.reloadHookJars;
	}

	/** What the edits are compiled against: the demo's classes and its jars. */
	String compileClassPath() {
		List<String> entries = new ArrayList<>();
		entries.add(this.demoClasses.toString());
		entries.addAll(this.plainJars);
		return String.join(File.pathSeparator, entries);
	}

	List<String> jarsFor(Variant variant) {
		List<String> jars = new ArrayList<>(this.plainJars);
		switch (variant.classPath()) {
			case PLAIN -> {
			}
			case RELOAD_HOOK -> jars.addAll(this.reloadHookJars);
			case DEVTOOLS -> jars.add(this.devToolsJar);
		}
		return jars;
	}

}
