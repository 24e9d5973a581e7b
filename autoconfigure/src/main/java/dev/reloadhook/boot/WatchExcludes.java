package dev.reloadhook.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.reloadhook.config.ReloadHookProperties;

import org.springframework.util.AntPathMatcher;

/**
 * The files of the class directories whose changes never reload the application: static
 * files and templates (served as they are on disk), build metadata, and the patterns of
 * {@code reload-hook.watch.exclude}.
 *
 * @author reload-hook
 */
final class WatchExcludes {

	private static final List<String> DEFAULT_EXCLUDES = List.of("META-INF/maven/**", "META-INF/resources/**",
			"resources/**", "static/**", "public/**", "templates/**", "git.properties",
			"META-INF/build-info.properties");

	private WatchExcludes() {
	}

	/**
	 * Return which relative names (with {@code /} as separator) are excluded.
	 * @param properties the settings
	 * @return the test of a relative name
	 */
	static Predicate<String> of(ReloadHookProperties properties) {
		AntPathMatcher matcher = new AntPathMatcher();
		List<String> patterns = new ArrayList<>(DEFAULT_EXCLUDES);
		patterns.addAll(properties.getWatch().getExclude());
		return (name) -> patterns.stream().anyMatch((pattern) -> matcher.match(pattern, name));
	}

}
