package dev.reloadhook.boot;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Leaves out DevTools' data source auto-configurations while reload-hook restarts the
 * application: they shut an in-memory database down when a generation closes, made for
 * DevTools' restarts, and would wipe the database of the pool reload-hook retains.
 *
 * @author reload-hook
 */
public final class DevToolsDataSourceFilter implements AutoConfigurationImportFilter {

	private static final Set<String> EXCLUDED = Set.of(
			"org.springframework.boot.devtools.autoconfigure.DevToolsDataSourceAutoConfiguration",
			"org.springframework.boot.devtools.autoconfigure.DevToolsR2dbcAutoConfiguration");

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean reloading = ReloadRuntime.current() != null;
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			// Entries left out by an earlier filter are null.
			String candidate = autoConfigurationClasses[i];
			matches[i] = !reloading || candidate == null || !EXCLUDED.contains(candidate);
		}
		return matches;
	}

}
