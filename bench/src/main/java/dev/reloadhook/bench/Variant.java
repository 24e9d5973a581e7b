package dev.reloadhook.bench;

import java.util.List;

/**
 * One way of running the demo: which jars it gets, which system properties, and whether
 * (and how) it reloads. Add a variant here (for example a hot-swap tier of reload-hook
 * selected by a property) and every report picks it up.
 *
 * @param id short name used in the JSON and on the command line ({@code -Dbench.variants})
 * @param label name shown in the table and the chart
 * @param classPath which jars the application gets
 * @param systemProperties extra {@code -D} options
 * @param reloads whether edits are made (false: cold start, idle latency and memory only)
 * @param restartClassLoader class whose live instances count the generations kept in memory
 * @param reloadDoneLog a log line that ends a reload (waited for, bounded, before the next
 * edit), or {@code null}
 * @param color the variant's colour in the chart
 */
record Variant(String id, String label, ClassPathKind classPath, List<String> systemProperties, boolean reloads,
		String restartClassLoader, String reloadDoneLog, String color) {

	enum ClassPathKind {

		/** The demo's jars without reload-hook. */
		PLAIN,

		/** The demo's jars as they are (reload-hook starter included). */
		RELOAD_HOOK,

		/** The plain jars plus spring-boot-devtools. */
		DEVTOOLS

	}

	static final String RELOAD_HOOK_LOADER = "dev.reloadhook.reload.restart.RestartClassLoader";

	static final String DEVTOOLS_LOADER = "org.springframework.boot.devtools.restart.classloader.RestartClassLoader";

	/** DevTools' LiveReload server would bind port 35729: not part of what is measured. */
	private static final String NO_LIVERELOAD = "-Dspring.devtools.livereload.enabled=false";

	/** reload-hook's log line that ends a reload, whatever its tier or outcome. */
	static final String RELOAD_HOOK_DONE = "Generation \\d+ (serving|hot-swapped) in|Reload failed|Nothing to reload in";

	static List<Variant> all() {
		return List.of(new Variant("plain", "plain (no reload)", ClassPathKind.PLAIN, List.of(), false, null, null, "#9e9e9e"),
				new Variant("reload-hook-restart", "reload-hook restart tier", ClassPathKind.RELOAD_HOOK,
						List.of("-Dreload-hook.hotswap.enabled=false"), true, RELOAD_HOOK_LOADER, RELOAD_HOOK_DONE,
						"#1b7837"),
				new Variant("reload-hook", "reload-hook default (hot-swap)", ClassPathKind.RELOAD_HOOK, List.of(), true,
						RELOAD_HOOK_LOADER, RELOAD_HOOK_DONE, "#7fbf7b"),
				new Variant("devtools-default", "DevTools default", ClassPathKind.DEVTOOLS, List.of(NO_LIVERELOAD), true,
						DEVTOOLS_LOADER, "Started \\w+ in", "#b2182b"),
				new Variant("devtools-tuned", "DevTools tuned 100ms/50ms", ClassPathKind.DEVTOOLS,
						List.of(NO_LIVERELOAD, "-Dspring.devtools.restart.poll-interval=100ms",
								"-Dspring.devtools.restart.quiet-period=50ms"),
						true, DEVTOOLS_LOADER, "Started \\w+ in", "#ef8a62"));
	}

	/** A short name for table headers and chart axes. */
	String shortLabel() {
		return switch (this.id) {
			case "reload-hook-restart" -> "RH restart";
			case "reload-hook" -> "RH default";
			case "devtools-default" -> "DT default";
			case "devtools-tuned" -> "DT tuned";
			default -> this.id;
		};
	}

	boolean isReloadHook() {
		return this.classPath == ClassPathKind.RELOAD_HOOK;
	}

	boolean isDevTools() {
		return this.classPath == ClassPathKind.DEVTOOLS;
	}

}
