package dev.reloadhook.testsupport;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * How the application under the reload figures reloads: reload-hook with its defaults (as
 * a user gets it), forced to its restart tier, or Spring Boot DevTools.
 */
public enum FigureVariant {

	/**
	 * reload-hook with its defaults, expected to apply every edit with the bean tier.
	 */
	BEAN_TIER("bean", "bean tier", "reload-hook with its defaults; every edit must take the bean tier", false,
			List.of(), List.of("--reload-hook.bean-tier.enabled=true"), "bean"),

	/**
	 * reload-hook as a user gets it: all tiers on, defaults. The tests' launcher switches
	 * the bean tier off unless asked, so it is switched back on here.
	 */
	RELOAD_HOOK("reload-hook", "reload-hook (defaults)", "reload-hook as a user gets it: all tiers on, defaults",
			false, List.of(), List.of("--reload-hook.bean-tier.enabled=true"), null),

	/**
	 * reload-hook forced to its restart tier.
	 */
	RESTART("restart", "reload-hook restart tier",
			"`--reload-hook.bean-tier.enabled=false --reload-hook.hotswap.enabled=false`", false, List.of(),
			List.of("--reload-hook.bean-tier.enabled=false", "--reload-hook.hotswap.enabled=false"), null),

	/**
	 * Spring Boot DevTools as it comes (1 s poll, 400 ms quiet period).
	 */
	DEVTOOLS_DEFAULT("devtools-default", "DevTools default",
			"spring-boot-devtools with its defaults (1 s poll, 400 ms quiet period)", true, List.of(), List.of(),
			null),

	/**
	 * Spring Boot DevTools with a 100 ms poll and a 50 ms quiet period.
	 */
	DEVTOOLS_TUNED("devtools-tuned", "DevTools tuned (100 ms poll, 50 ms quiet)",
			"spring-boot-devtools, `spring.devtools.restart.poll-interval=100ms`, "
					+ "`spring.devtools.restart.quiet-period=50ms`",
			true,
			List.of("-Dspring.devtools.restart.poll-interval=100ms", "-Dspring.devtools.restart.quiet-period=50ms"),
			List.of(), null);

	private final String id;

	private final String label;

	private final String description;

	private final boolean devTools;

	private final List<String> jvmArguments;

	private final List<String> arguments;

	private final @Nullable String expectedTier;

	FigureVariant(String id, String label, String description, boolean devTools, List<String> jvmArguments,
			List<String> arguments, @Nullable String expectedTier) {
		this.id = id;
		this.label = label;
		this.description = description;
		this.devTools = devTools;
		this.jvmArguments = jvmArguments;
		this.arguments = arguments;
		this.expectedTier = expectedTier;
	}

	/**
	 * Return the name {@code -Dbean.figures.variants} selects it by.
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return its column heading in the report.
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Return how it is run, for the report.
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return whether the application runs with DevTools (and reload-hook off).
	 */
	public boolean devTools() {
		return this.devTools;
	}

	/**
	 * Return the JVM options of the application; DevTools' LiveReload server is off (it
	 * would bind port 35729 and is not measured) and so is reload-hook with DevTools.
	 */
	public List<String> jvmArguments() {
		if (!this.devTools) {
			return this.jvmArguments;
		}
		return Stream
			.concat(Stream.of("-Dreload-hook.enabled=false", "-Dspring.devtools.livereload.enabled=false"),
					this.jvmArguments.stream())
			.toList();
	}

	/**
	 * Return the application's arguments.
	 */
	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * Return the tier every measured edit must take, or {@code null} if the tier is only
	 * reported.
	 */
	public @Nullable String expectedTier() {
		return this.expectedTier;
	}

}
