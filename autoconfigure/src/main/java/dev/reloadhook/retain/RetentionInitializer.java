package dev.reloadhook.retain;

import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.restart.RestartClassLoader;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Sets up retention in each reloading generation's application context, before it
 * refreshes: beans marked {@link RetainedAcrossReloads} and the auto-configured pool. A
 * retained resource whose configuration still fits is registered as the generation's bean,
 * and a new one is adopted once created; all are closed when the JVM ends.
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
		RetainedResources resources = RetainedResources.get();
		coordinator.addGenerationListener(resources);
		if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
			// Registered first, destroyed last: after every bean of the generation.
			registry.registerDisposableBean("reloadHookRetainedResources", () -> {
				if (coordinator.isShutDown()) {
					resources.closeAll();
				}
			});
		}
		context.addBeanFactoryPostProcessor(new RetainedBeans(resources, generation));
		if (context.getEnvironment().getProperty("reload-hook.retain.datasource.enabled", Boolean.class, true)
				&& ClassUtils.isPresent(HIKARI, RetentionInitializer.class.getClassLoader())) {
			new DataSourceRetainer(resources, coordinator, generation).apply(context);
		}
	}

}
