package dev.reloadhook.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Libraries that only some forked test applications have on their class path (Spring
 * Security, DevTools): the build copies them into a folder per group and keeps them off
 * the tests' own class path.
 */
public final class AppLibraries {

	private AppLibraries() {
	}

	/**
	 * Return the class path of the tests plus the jars of the given groups.
	 * @param groups folder names under the build's {@code app-libs} (e.g. {@code security})
	 */
	public static String classPathWith(String... groups) throws IOException {
		String root = System.getProperty("reload-hook.test.app-libs", "target/app-libs");
		StringBuilder classPath = new StringBuilder(TestClassPath.asString());
		for (String group : groups) {
			try (Stream<Path> jars = Files.list(Path.of(root, group))) {
				String entries = jars.filter((jar) -> jar.toString().endsWith(".jar"))
					.map(Path::toString)
					.sorted()
					.collect(Collectors.joining(File.pathSeparator));
				if (entries.isEmpty()) {
					throw new IllegalStateException("No jar in " + Path.of(root, group));
				}
				classPath.append(File.pathSeparator).append(entries);
			}
		}
		return classPath.toString();
	}

}
