package dev.reloadhook.retain;

import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.restart.RestartClassLoader;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Sets up retention in each reloading generation's application context, before it
 * refreshes: a retained resource whose configuration still fits is registered as the
 * generation's bean, and a new one is adopted once created.
 *
 * @author reload-hook
 */
public final class RetentionInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ReloadCoordinator coordinator = ReloadCoordinator.instance();
		int generation = RestartClassLoader.generationOf(context.getClassLoader());
		if (coordinator == null || generation == 0 || context.getParent() != null) {
			return;
		}
		if (!context.getEnvironment().getProperty("reload-hook.retain.datasource.enabled", Boolean.class, true)) {
			return;
		}
		if (ClassUtils.isPresent(HIKARI, RetentionInitializer.class.getClassLoader())) {
			coordinator.addGenerationListener(RetainedResources.get());
			new DataSourceRetainer(RetainedResources.get(), coordinator, generation).apply(context);
		}
	}

}
