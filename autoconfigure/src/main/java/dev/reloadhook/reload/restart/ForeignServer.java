package dev.reloadhook.reload.restart;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

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

	/** Spring Boot's factories for WebFlux on a servlet container, which reload-hook has none of. */
	private static final List<String> REACTIVE_SERVLET_CONTAINERS = List.of(
			"org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory",
			"org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory");

	private ForeignServer() {
	}

	static String notice(ConfigurableApplicationContext context) {
		List<Factory> factories = factories(context);
		String prefix = "The port closes during every reload (the old generation stops before the new one starts) "
				+ "because ";
		if (!factories.isEmpty() && factories.stream().allMatch(Factory::reactiveServletContainer)) {
			// Spring Boot's own factory, auto-configured: the application defined nothing,
			// the choice of server is what to change.
			return prefix + "WebFlux runs on " + describe(factories) + ": reload-hook keeps the server across "
					+ "reloads for WebFlux on Reactor Netty (WebFlux's default server) and for Spring MVC on Tomcat "
					+ "or Jetty";
		}
		return prefix + "its web server factory " + (factories.isEmpty() ? "(none found)" : describe(factories))
				+ " is not one of reload-hook's (those exist for Tomcat, Jetty and Reactor Netty and back off"
				+ " when the application defines a web server factory bean of its own)";
	}

	private static String describe(List<Factory> factories) {
		return String.join(", ", factories.stream().map(Factory::toString).toList());
	}

	private static List<Factory> factories(ConfigurableApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		if (!ClassUtils.isPresent(WEB_SERVER_FACTORY, classLoader)) {
			return List.of();
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		List<Factory> factories = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(WEB_SERVER_FACTORY, classLoader),
				false, false)) {
			factories.add(new Factory(name, beanFactory.getType(name)));
		}
		return factories;
	}

	private record Factory(String name, @Nullable Class<?> type) {

		boolean reactiveServletContainer() {
			for (Class<?> candidate = this.type; candidate != null; candidate = candidate.getSuperclass()) {
				if (REACTIVE_SERVLET_CONTAINERS.contains(candidate.getName())) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return "'" + this.name + "'" + ((this.type != null) ? " (" + this.type.getName() + ")" : "");
		}

	}

}
