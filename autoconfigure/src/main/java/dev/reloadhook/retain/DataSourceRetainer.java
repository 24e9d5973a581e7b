package dev.reloadhook.retain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.reload.restart.ClassDirectories;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
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

	private static final Log logger = LogFactory.getLog(DataSourceRetainer.class);

	static final String BEAN_NAME = "dataSource";

	private static final String BOOT_HIKARI_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.DataSourceConfiguration$Hikari";

	private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

	private final RetainedResources resources;

	private final ClassDirectories classDirectories;

	private final int generation;

	DataSourceRetainer(RetainedResources resources, ClassDirectories classDirectories, int generation) {
		this.resources = resources;
		this.classDirectories = classDirectories;
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
	 * Digest the SQL scripts of the application's class directories (where the scripts a
	 * developer edits are; scanning every jar of the class path would cost more than the
	 * rest of the retention) and the configured script locations.
	 */
	private String scriptsDigest(ConfigurableApplicationContext context) {
		StringBuilder content = new StringBuilder();
		for (Path directory : this.classDirectories.paths()) {
			try (Stream<Path> files = Files.list(directory)) {
				for (Path script : files.filter((file) -> file.toString().endsWith(".sql")).sorted().toList()) {
					content.append(script).append(DigestUtils.md5DigestAsHex(Files.readAllBytes(script)));
				}
			}
			catch (IOException ex) {
				content.append(ex);
			}
		}
		content.append(context.getEnvironment().getProperty("spring.sql.init.schema-locations"))
			.append(context.getEnvironment().getProperty("spring.sql.init.data-locations"));
		return DigestUtils.md5DigestAsHex(content.toString().getBytes());
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
