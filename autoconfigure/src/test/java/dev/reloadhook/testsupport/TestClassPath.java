package dev.reloadhook.testsupport;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * The class path the tests run with, without this module's test classes: what an
 * application that depends on reload-hook has.
 */
public final class TestClassPath {

	private TestClassPath() {
	}

	public static List<String> entries() {
		// Surefire may start the JVM through a manifest-only jar and publishes the real
		// class path in this property.
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.endsWith("test-classes"))
			.toList();
	}

	public static String asString() {
		return String.join(File.pathSeparator, entries());
	}

}
