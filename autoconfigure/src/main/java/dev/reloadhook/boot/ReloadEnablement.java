package dev.reloadhook.boot;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.MainMethod;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether reloading is active in this JVM: only in development, that is when the
 * application runs from class directories, outside tests, and was not switched off.
 *
 * @param mainMethod the main method to run again for each generation
 * @param classDirectories the class directories each generation loads
 * @param offReason why reloading is off, {@code null} when it is on
 * @author reload-hook
 */
record ReloadEnablement(@Nullable MainMethod mainMethod, ClassDirectories classDirectories,
		@Nullable String offReason) {

	private static final List<String> TEST_FRAMEWORKS = List.of("org.junit.runners.", "org.junit.platform.",
			"org.springframework.boot.test.", "org.springframework.test.", "org.testng.", "cucumber.runtime.",
			"io.cucumber.");

	static ReloadEnablement decide(ReloadHookProperties properties, String classPath) {
		Boolean enabled = properties.getEnabled();
		ClassDirectories directories = ClassDirectories.fromClassPath(classPath);
		if (Boolean.FALSE.equals(enabled)) {
			return off(directories, "reload-hook.enabled is false");
		}
		if (!Boolean.TRUE.equals(enabled) && isRunningInTests()) {
			return off(directories, "running in tests (set reload-hook.enabled=true to reload there)");
		}
		if (isDevToolsRestartActive()) {
			return off(directories, "spring-boot-devtools restarts this application (remove "
					+ DevToolsHandOver.CHOICE + "=" + DevToolsHandOver.PREFER_DEVTOOLS
					+ " or the spring.devtools.restart.enabled system property to let reload-hook take over)");
		}
		MainMethod mainMethod = MainMethod.find();
		if (mainMethod == null) {
			return off(directories, "the application was not started from a main method");
		}
		if (!isInClassDirectory(mainMethod)) {
			return off(directories, "running from a packaged jar");
		}
		if (directories.isEmpty()) {
			return off(directories, "no class directory on the class path");
		}
		return new ReloadEnablement(mainMethod, directories, null);
	}

	private static ReloadEnablement off(ClassDirectories directories, String reason) {
		return new ReloadEnablement(null, directories, reason);
	}

	boolean isOn() {
		return this.offReason == null;
	}

	private static boolean isDevToolsRestartActive() {
		return org.springframework.util.ClassUtils.isPresent("org.springframework.boot.devtools.restart.Restarter",
				ReloadEnablement.class.getClassLoader())
				&& !"false".equals(System.getProperty("spring.devtools.restart.enabled"));
	}

	static boolean isRunningInTests() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.anyMatch((frame) -> TEST_FRAMEWORKS.stream()
				.anyMatch((prefix) -> frame.getClassName().startsWith(prefix))));
	}

	private static boolean isInClassDirectory(MainMethod mainMethod) {
		try {
			Class<?> mainClass = Class.forName(mainMethod.className(), false,
					Thread.currentThread().getContextClassLoader());
			CodeSource source = mainClass.getProtectionDomain().getCodeSource();
			if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
				return false;
			}
			return Files.isDirectory(Path.of(source.getLocation().toURI()));
		}
		catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException ex) {
			return false;
		}
	}

}
