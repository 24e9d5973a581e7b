package dev.reloadhook.reload.restart;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Which class path entries reload, read from every
 * {@code META-INF/spring-devtools.properties} on the class path, as Spring Boot DevTools
 * reads them: {@code restart.include.<name>=<regex>} adds the jars whose URL matches to
 * what each generation loads, {@code restart.exclude.<name>=<regex>} keeps the
 * directories (and jars) whose URL matches in the base class loader.
 *
 * @author reload-hook
 */
final class RestartPatterns {

	private static final Log logger = LogFactory.getLog(RestartPatterns.class);

	static final String LOCATION = "META-INF/spring-devtools.properties";

	private final List<Pattern> includes = new ArrayList<>();

	private final List<Pattern> excludes = new ArrayList<>();

	private RestartPatterns() {
	}

	/**
	 * Read the patterns visible to a class loader.
	 * @param classLoader the class loader
	 * @return the patterns
	 */
	static RestartPatterns load(ClassLoader classLoader) {
		RestartPatterns patterns = new RestartPatterns();
		try {
			Enumeration<URL> files = classLoader.getResources(LOCATION);
			while (files.hasMoreElements()) {
				patterns.add(files.nextElement());
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot read " + LOCATION + ": " + ex.getMessage());
		}
		return patterns;
	}

	private void add(URL file) {
		Properties properties = new Properties();
		try (InputStream in = file.openStream()) {
			properties.load(in);
		}
		catch (IOException ex) {
			logger.warn("Cannot read " + file + ": " + ex.getMessage());
			return;
		}
		properties.forEach((key, value) -> {
			String name = key.toString();
			if (name.startsWith("restart.include.")) {
				this.includes.add(Pattern.compile(value.toString().trim()));
			}
			else if (name.startsWith("restart.exclude.")) {
				this.excludes.add(Pattern.compile(value.toString().trim()));
			}
		});
	}

	/**
	 * Return whether a jar reloads with the application's classes.
	 * @param url the jar's URL
	 * @return whether it is included and not excluded
	 */
	boolean isIncluded(URL url) {
		return matches(this.includes, url) && !isExcluded(url);
	}

	/**
	 * Return whether a class path entry stays in the base class loader.
	 * @param url the entry's URL
	 * @return whether it is excluded
	 */
	boolean isExcluded(URL url) {
		return matches(this.excludes, url);
	}

	private static boolean matches(List<Pattern> patterns, URL url) {
		String text = url.toString();
		return patterns.stream().anyMatch((pattern) -> pattern.matcher(text).find());
	}

}
