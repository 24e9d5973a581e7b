package dev.reloadhook.boot;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

import dev.reloadhook.reload.restart.RestartClassLoader;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.devtools.restart.DefaultRestartInitializer;
import org.springframework.boot.devtools.restart.Restarter;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.ClassUtils;

/**
 * Takes restarts over from Spring Boot DevTools when both are on the class path: switches
 * DevTools' restarter off by setting {@code spring.devtools.restart.enabled=false} as a
 * system property, which DevTools reads when it receives the
 * {@code ApplicationStartingEvent}. A run listener ordered first runs before that event is
 * published at all, whatever the order of the application listeners. DevTools' other
 * features (LiveReload, its property defaults) are conditional on an initialized
 * restarter: it is initialized here without restarting, as DevTools itself does beside an
 * agent-based reloader, and is then disabled by DevTools' own listener.
 * <p>
 * No environment exists yet, so the choice is read from a system property, an environment
 * variable or {@code application.properties} at the root of the class path:
 * {@code reload-hook.devtools=prefer-devtools} (or {@code reload-hook.enabled=false}) lets
 * DevTools restart the application instead. A {@code spring.devtools.restart.enabled}
 * system property set by the user is left alone.
 *
 * @author reload-hook
 */
public final class DevToolsHandOver implements SpringApplicationRunListener, Ordered {

	static final String DEVTOOLS_RESTART_ENABLED = "spring.devtools.restart.enabled";

	/** Which restarter runs when both are present: {@code take-over} or {@code prefer-devtools}. */
	static final String CHOICE = "reload-hook.devtools";

	static final String PREFER_DEVTOOLS = "prefer-devtools";

	private static final String RESTARTER = "org.springframework.boot.devtools.restart.Restarter";

	private static volatile boolean tookOver;

	private final String[] args;

	/**
	 * Create the listener, as Spring Boot does for run listeners.
	 * @param application the application
	 * @param args its arguments
	 */
	public DevToolsHandOver(SpringApplication application, String[] args) {
		this.args = args;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		if (tookOver || RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader()) != 0
				|| !ClassUtils.isPresent(RESTARTER, DevToolsHandOver.class.getClassLoader())
				|| System.getProperty(DEVTOOLS_RESTART_ENABLED) != null || ReloadEnablement.isRunningInTests()) {
			return;
		}
		if ("false".equalsIgnoreCase(earlyProperty("reload-hook.enabled"))
				|| PREFER_DEVTOOLS.equalsIgnoreCase(earlyProperty(CHOICE))) {
			return;
		}
		System.setProperty(DEVTOOLS_RESTART_ENABLED, "false");
		DevTools.initializeWithoutRestart(this.args);
		tookOver = true;
	}

	/**
	 * Return whether this listener switched DevTools' restarter off in this JVM.
	 * @return whether reload-hook took restarts over
	 */
	static boolean tookOver() {
		return tookOver;
	}

	/**
	 * Kept apart so that DevTools' classes are linked only when DevTools is present.
	 */
	private static final class DevTools {

		static void initializeWithoutRestart(String[] args) {
			Restarter.initialize(args, false, new DefaultRestartInitializer(), false);
		}

	}

	private static @Nullable String earlyProperty(String name) {
		String value = System.getProperty(name);
		if (value == null) {
			value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
		}
		if (value == null) {
			value = applicationProperties().getProperty(name);
		}
		return (value != null) ? value.trim() : null;
	}

	private static Properties applicationProperties() {
		ClassPathResource resource = new ClassPathResource("application.properties",
				Thread.currentThread().getContextClassLoader());
		try {
			return resource.exists() ? PropertiesLoaderUtils.loadProperties(resource) : new Properties();
		}
		catch (IOException ex) {
			return new Properties();
		}
	}

}
