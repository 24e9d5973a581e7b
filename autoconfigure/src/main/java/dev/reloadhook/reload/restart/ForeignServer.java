package dev.reloadhook.reload.restart;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Why a generation's web server cannot outlive it, said once in the log: its port closes
 * during every reload, as with a plain restart.
 *
 * @author reload-hook
 */
final class ForeignServer {

	private static final String WEB_SERVER_FACTORY = "org.springframework.boot.web.server.WebServerFactory";

	private ForeignServer() {
	}

	static String notice(ConfigurableApplicationContext context) {
		return "The port closes during every reload (the old generation stops before the new one starts) because "
				+ "its web server factory " + factories(context)
				+ " is not one of reload-hook's (those exist for Tomcat, Jetty and Reactor Netty and back off"
				+ " when the application defines a web server factory bean of its own)";
	}

	private static String factories(ConfigurableApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		if (!ClassUtils.isPresent(WEB_SERVER_FACTORY, classLoader)) {
			return "(unknown)";
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		List<String> described = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(WEB_SERVER_FACTORY, classLoader),
				false, false)) {
			Class<?> type = beanFactory.getType(name);
			described.add("'" + name + "'" + ((type != null) ? " (" + type.getName() + ")" : ""));
		}
		return described.isEmpty() ? "(none found)" : String.join(", ", described);
	}

}
