package dev.reloadhook.boot;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.ClassUtils;

/**
 * Development defaults for a reloading generation, the same as Spring Boot DevTools': the
 * {@code reload} endpoint is exposed over HTTP, template and static resource caches are
 * off, errors show their message, binding errors and stack trace, resolved MVC exceptions
 * are logged, and so on. Added with the lowest precedence, so any setting of the user's
 * wins.
 * <p>
 * Spring Boot's modules declare the defaults DevTools applies in
 * {@code META-INF/spring-devtools.properties} ({@code defaults.*} keys): those on the class
 * path are read too, so a module's defaults apply exactly when the module is there (the H2
 * console, Docker Compose, GraphiQL...). One is left out: persistent sessions, which the
 * in-memory session hand-over between generations replaces.
 *
 * @author reload-hook
 */
public final class ReloadDevDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String NAME = "reloadHookDevDefaults";

	private static final Log logger = LogFactory.getLog(ReloadDevDefaultsEnvironmentPostProcessor.class);

	private static final String DEVTOOLS_SETTINGS = "META-INF/spring-devtools.properties";

	private static final String DEVTOOLS_DEFAULTS_PREFIX = "defaults.";

	/** Sessions move between generations in memory (see the Tomcat session hand-over). */
	private static final Set<String> LEFT_OUT = Set.of("server.servlet.session.persistent");

	private static final String WEB_LOGGING = "logging.level.web";

	private static final String DEVTOOLS = "org.springframework.boot.devtools.restart.Restarter";

	private static final AtomicBoolean webLoggingHinted = new AtomicBoolean();

	/**
	 * Static files and templates are read from the class directory and never reload the
	 * application: with these caches off, the next request sees a saved change. The rest
	 * is DevTools' list as Spring Boot's own modules declare it.
	 */
	private static final Map<String, Object> DEFAULTS = Map.ofEntries(
			Map.entry("management.endpoints.web.exposure.include", "health,reload"),
			Map.entry("spring.thymeleaf.cache", "false"), Map.entry("spring.freemarker.cache", "false"),
			// FreeMarker's own template cache looks at a template's file again only every
			// five seconds: the view cache off is not enough for the next request to see it.
			Map.entry("spring.freemarker.settings.template_update_delay", "0"),
			Map.entry("spring.groovy.template.cache", "false"), Map.entry("spring.mustache.servlet.cache", "false"),
			Map.entry("spring.template.provider.cache", "false"), Map.entry("spring.web.resources.cache.period", "0"),
			Map.entry("spring.web.resources.chain.cache", "false"),
			Map.entry("spring.web.error.include-binding-errors", "always"),
			Map.entry("spring.web.error.include-message", "always"),
			Map.entry("spring.web.error.include-stacktrace", "always"),
			Map.entry("spring.mvc.log-resolved-exception", "true"),
			Map.entry("server.servlet.jsp.init-parameters.development", "true"),
			Map.entry("spring.reactor.netty.shutdown-quiet-period", "0s"),
			// Generations overlap: each exports its MBeans (with spring.jmx.enabled) while the
			// previous one's are still registered, so each gets names of its own; a bean
			// that is one object for every generation (the retained pool) keeps its name,
			// and a later generation's registration replaces the earlier one.
			Map.entry("spring.jmx.unique-names", "true"),
			Map.entry("spring.jmx.registration-policy", "replace-existing"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		if (RestartClassLoader.generationOf(classLoader) == 0) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>(DEFAULTS);
		declaredByModules(classLoader).forEach(defaults::putIfAbsent);
		environment.getPropertySources().addLast(new MapPropertySource(NAME, defaults));
		if (!environment.containsProperty(WEB_LOGGING) && application.getWebApplicationType() != null
				&& application.getWebApplicationType() != WebApplicationType.NONE
				&& !ClassUtils.isPresent(DEVTOOLS, classLoader) && webLoggingHinted.compareAndSet(false, true)) {
			logger.info("For more web-related logging, set '" + WEB_LOGGING + "' to 'DEBUG'");
		}
	}

	private static Map<String, Object> declaredByModules(ClassLoader classLoader) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		try {
			Properties settings = PropertiesLoaderUtils.loadAllProperties(DEVTOOLS_SETTINGS, classLoader);
			settings.forEach((key, value) -> {
				String name = String.valueOf(key);
				if (name.startsWith(DEVTOOLS_DEFAULTS_PREFIX)) {
					name = name.substring(DEVTOOLS_DEFAULTS_PREFIX.length());
					if (!LEFT_OUT.contains(name)) {
						defaults.put(name, value);
					}
				}
			});
		}
		catch (IOException ex) {
			logger.debug("Could not read " + DEVTOOLS_SETTINGS + ": " + ex.getMessage());
		}
		return defaults;
	}

}
