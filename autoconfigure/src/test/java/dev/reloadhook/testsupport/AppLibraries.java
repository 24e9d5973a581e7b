package dev.reloadhook.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
		return classPathWith(TestClassPath.Server.TOMCAT, groups);
	}

	/**
	 * Return the class path of the tests for an application on the given server, plus the
	 * jars of the given groups.
	 * @param server the embedded server
	 * @param groups folder names under the build's {@code app-libs} (e.g. {@code security})
	 */
	public static String classPathWith(TestClassPath.Server server, String... groups) throws IOException {
		StringBuilder classPath = new StringBuilder(TestClassPath.asString(server));
		for (String group : groups) {
			classPath.append(File.pathSeparator)
				.append(jars(group).stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
		}
		return classPath.toString();
	}

	/**
	 * Return the jars of one group.
	 * @param group a folder name under the build's {@code app-libs} (e.g. {@code devtools})
	 */
	public static List<Path> jars(String group) throws IOException {
		String root = System.getProperty("reload-hook.test.app-libs", "target/app-libs");
		try (Stream<Path> jars = Files.list(Path.of(root, group))) {
			List<Path> found = jars.filter((jar) -> jar.toString().endsWith(".jar")).sorted().toList();
			if (found.isEmpty()) {
				throw new IllegalStateException("No jar in " + Path.of(root, group));
			}
			return found;
		}
	}

}
