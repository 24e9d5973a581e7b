package dev.reloadhook.boot;

import java.util.Map;

import dev.reloadhook.restart.RestartClassLoader;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Development defaults for a reloading generation: the {@code reload} endpoint is exposed
 * over HTTP and template and static resource caches are off. Added with the lowest precedence, so any setting of the user's wins.
 *
 * @author reload-hook
 */
public final class ReloadDevDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String NAME = "reloadHookDevDefaults";

	/**
	 * Static files and templates are read from the class directory and never reload the
	 * application: with these caches off, the next request sees a saved change.
	 */
	private static final Map<String, Object> DEFAULTS = Map.of("management.endpoints.web.exposure.include",
			"health,reload", "spring.thymeleaf.cache", "false", "spring.freemarker.cache", "false",
			"spring.groovy.template.cache", "false", "spring.mustache.servlet.cache", "false",
			"spring.web.resources.cache.period", "0", "spring.web.resources.chain.cache", "false",
			// Reactor Netty's default quiet period adds 2 s to closing every generation.
			"spring.reactor.netty.shutdown-quiet-period", "0s");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader()) == 0) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(NAME, DEFAULTS));
	}

}
