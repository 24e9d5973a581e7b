package dev.reloadhook.boot;

import java.util.Map;

import dev.reloadhook.restart.RestartClassLoader;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Development defaults for a reloading generation: the {@code reload} endpoint is exposed
 * over HTTP. Added with the lowest precedence, so any setting of the user's wins.
 *
 * @author reload-hook
 */
public final class ReloadDevDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String NAME = "reloadHookDevDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader()) == 0) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(NAME, Map.of("management.endpoints.web.exposure.include", "health,reload")));
	}

}
