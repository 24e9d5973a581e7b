package dev.reloadhook.retain;

import dev.reloadhook.reload.ShutdownSignal;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Sets up retention in each reloading generation's application context, before it
 * refreshes: beans marked {@link RetainedAcrossReloads}, the auto-configured pool, and a
 * schema that the closing generation leaves in place (see {@link SchemaDropGuard}). A
 * retained resource whose configuration still fits is registered as the generation's bean,
 * and a new one is adopted once created; all are closed when the JVM ends.
 *
 * @author reload-hook
 */
public final class RetentionInitializer {

	private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

	private final RetainedResources resources;

	private final ShutdownSignal shutdown;

	/**
	 * Create the initializer.
	 * @param resources the resources that outlive generations
	 * @param shutdown whether the application is shutting down for good (then the
	 * resources are closed with the last generation)
	 */
	public RetentionInitializer(RetainedResources resources, ShutdownSignal shutdown) {
		this.resources = resources;
		this.shutdown = shutdown;
	}

	/**
	 * Set up retention in a generation's root application context.
	 * @param context the context, not refreshed yet
	 * @param generation the generation number
	 */
	public void initialize(ConfigurableApplicationContext context, int generation) {
		if (generation == 0 || context.getParent() != null) {
			return;
		}
		if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
			// Registered first, destroyed last: after every bean of the generation.
			registry.registerDisposableBean("reloadHookRetainedResources", () -> {
				if (this.shutdown.isShuttingDown()) {
					this.resources.closeAll();
				}
			});
		}
		context.addBeanFactoryPostProcessor(new RetainedBeans(this.resources, generation));
		// Generations share their database, whether the pool is retained or not.
		context.addBeanFactoryPostProcessor((beanFactory) -> beanFactory.addBeanPostProcessor(new SchemaDropGuard()));
		if (context.getEnvironment().getProperty("reload-hook.retain.datasource.enabled", Boolean.class, true)
				&& ClassUtils.isPresent(HIKARI, RetentionInitializer.class.getClassLoader())) {
			new DataSourceRetainer(this.resources, generation).apply(context);
		}
	}

}
