package dev.reloadhook.retain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;

import com.zaxxer.hikari.HikariDataSource;
import dev.reloadhook.reload.restart.BaseContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.DigestUtils;

/**
 * Retains the HikariCP pool that Spring Boot's auto-configuration creates as the
 * {@code dataSource} bean. While {@code spring.datasource.*} is unchanged, each new
 * generation gets the same pool (same physical connections, same in-memory database),
 * and SQL initialization does not run again unless its scripts changed. When it changed,
 * the new pool connects before the old one can close (see
 * {@link HikariRetention#replacing}), so an in-memory database at the same URL keeps its
 * data. A pool defined by the application itself is left alone.
 *
 * @author reload-hook
 */
final class DataSourceRetainer {

	private static final String OPTIONAL = "optional:";

	private static final Log logger = LogFactory.getLog(DataSourceRetainer.class);

	static final String BEAN_NAME = "dataSource";

	private static final String BOOT_HIKARI_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceConfiguration$Hikari";

	private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

	private final RetainedResources resources;

	private final int generation;

	DataSourceRetainer(RetainedResources resources, int generation) {
		this.resources = resources;
		this.generation = generation;
	}

	void apply(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String fingerprint = fingerprint(environment);
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Object retained = this.resources.reuse(BEAN_NAME, fingerprint, this.generation);
		if (retained != null) {
			// Spring Boot's DataSource auto-configuration backs off, and a registered
			// singleton is never closed with the context.
			beanFactory.registerSingleton(BEAN_NAME, retained);
		}
		else {
			context.addBeanFactoryPostProcessor(new Adopter(fingerprint));
		}
		skipInitializationIfDone(context, retained != null);
	}

	private static String fingerprint(ConfigurableEnvironment environment) {
		Map<String, String> properties = new TreeMap<>();
		environment.getPropertySources().forEach((source) -> {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				Arrays.stream(enumerable.getPropertyNames())
					.filter((name) -> name.startsWith("spring.datasource.")
							|| name.startsWith("SPRING_DATASOURCE_"))
					.forEach((name) -> properties.putIfAbsent(name, String.valueOf(environment.getProperty(name))));
			}
		});
		return DigestUtils.md5DigestAsHex(properties.toString().getBytes());
	}

	/**
	 * SQL initialization runs again only when its scripts or the database changed. The
	 * database is the same when its URL is, or when the pool is the same (an embedded
	 * database with a generated name).
	 */
	private void skipInitializationIfDone(ConfigurableApplicationContext context, boolean samePool) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String url = environment.getProperty("spring.datasource.url");
		String previous = this.resources.initializedWith(BEAN_NAME);
		String scripts = scriptsDigest(context);
		String database = (url != null) ? url + "|" + environment.getProperty("spring.datasource.username")
				: (samePool && previous != null) ? previous.substring(previous.indexOf('@') + 1)
						: "embedded-" + this.generation;
		String state = scripts + "@" + database;
		if (state.equals(previous)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("reloadHookRetainedDataSource", Map.of("spring.sql.init.mode", "never")));
		}
		else {
			this.resources.initialized(BEAN_NAME, state);
		}
	}

	/**
	 * Digest the SQL scripts Spring Boot's initialization would run: the configured
	 * {@code spring.sql.init.schema-locations} and {@code data-locations} (placeholders and
	 * patterns resolved, anywhere on the class path, {@code db/h2/schema.sql} as well), or
	 * its defaults for the platform, read through the generation's own resources, so an
	 * edited script is seen.
	 */
	private String scriptsDigest(ConfigurableApplicationContext context) {
		Binder binder = Binder.get(context.getEnvironment());
		String platform = binder.bind("spring.sql.init.platform", String.class).orElse("all");
		StringBuilder content = new StringBuilder();
		for (String kind : List.of("schema", "data")) {
			List<String> locations = binder.bind("spring.sql.init." + kind + "-locations", Bindable.listOf(String.class))
				.orElse(List.of("optional:classpath*:" + kind + "-" + platform + ".sql",
						"optional:classpath*:" + kind + ".sql"));
			for (String location : locations) {
				content.append(location).append('\n');
				digest(context, location.startsWith(OPTIONAL) ? location.substring(OPTIONAL.length()) : location,
						content);
			}
		}
		return DigestUtils.md5DigestAsHex(content.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static void digest(ConfigurableApplicationContext context, String location, StringBuilder content) {
		try {
			for (Resource script : context.getResources(location)) {
				if (script.isReadable()) {
					content.append(script.getURL())
						.append(DigestUtils.md5DigestAsHex(script.getContentAsByteArray()))
						.append('\n');
				}
			}
		}
		catch (IOException ex) {
			// Unreadable now: a digest that differs from a readable one.
			content.append(ex.getClass().getName()).append('\n');
		}
	}

	/**
	 * Finds Spring Boot's Hikari {@code dataSource} bean and takes charge of it: it must not
	 * close with its generation.
	 */
	private final class Adopter implements BeanFactoryPostProcessor {

		private final String fingerprint;

		Adopter(String fingerprint) {
			this.fingerprint = fingerprint;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
			if (!beanFactory.containsBeanDefinition(BEAN_NAME)) {
				return;
			}
			BeanDefinition definition = beanFactory.getBeanDefinition(BEAN_NAME);
			if (!isSpringBootHikari(definition)) {
				logger.debug("The dataSource bean is the application's own: it is not retained across reloads");
				return;
			}
			definition.setDestroyMethodName("");
			beanFactory.addBeanPostProcessor(new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (BEAN_NAME.equals(beanName) && bean instanceof HikariDataSource hikari) {
						adopt(hikari);
					}
					return bean;
				}

			});
		}

		private boolean isSpringBootHikari(BeanDefinition definition) {
			if (definition instanceof AnnotatedBeanDefinition annotated) {
				MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
				return factoryMethod != null && BOOT_HIKARI_CONFIGURATION.equals(factoryMethod.getDeclaringClassName());
			}
			return false;
		}

		private void adopt(HikariDataSource hikari) {
			if (!hikari.isClosed() && hikari.getHikariPoolMXBean() == null) {
				// Threads created for the pool must reference no generation.
				hikari.setThreadFactory(threadFactory(hikari));
				if (hikari.getMetricsTrackerFactory() == null && hikari.getMetricRegistry() == null
						&& ClassUtils.isPresent(MICROMETER, DataSourceRetainer.class.getClassLoader())) {
					hikari.setMetricsTrackerFactory(new RebindingMetricsTrackerFactory());
				}
			}
			DataSourceRetainer.this.resources.adopt(BEAN_NAME, this.fingerprint, hikari, new HikariRetention(),
					DataSourceRetainer.this.generation);
		}

		private ThreadFactory threadFactory(HikariDataSource hikari) {
			return (runnable) -> BaseContext.newThread(hikari.getPoolName() + " worker",
					true, runnable);
		}

	}

	static @Nullable RebindingMetricsTrackerFactory metricsOf(HikariDataSource hikari) {
		return (hikari.getMetricsTrackerFactory() instanceof RebindingMetricsTrackerFactory rebinding) ? rebinding
				: null;
	}

}
