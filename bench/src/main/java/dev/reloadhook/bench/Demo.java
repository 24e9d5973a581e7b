package dev.reloadhook.bench;

import java.util.Locale;

/**
 * The demo application a benchmark runs, chosen with {@code -Dbench.demo}: the servlet demo
 * (Spring MVC on Tomcat, the default) or the WebFlux demo (Reactor Netty). Both have the
 * same {@code GreetingService} that the scenario edits.
 *
 * @param module the demo's Maven module
 * @param mainClass its main class
 * @param greetingService its greeting service, the class the scenario edits
 */
record Demo(String module, String mainClass, String greetingService) {

	static final Demo SERVLET = new Demo("demo-service", "dev.reloadhook.demo.DemoApplication",
			"dev.reloadhook.demo.greeting.GreetingService");

	static final Demo WEBFLUX = new Demo("demo-webflux", "dev.reloadhook.demo.webflux.DemoWebFluxApplication",
			"dev.reloadhook.demo.webflux.greeting.GreetingService");

	static Demo fromSystemProperties() {
		String name = System.getProperty("bench.demo", "servlet").trim().toLowerCase(Locale.ROOT);
		return switch (name) {
			case "servlet" -> SERVLET;
			case "webflux" -> WEBFLUX;
			default -> throw new IllegalArgumentException("bench.demo must be servlet or webflux, not " + name);
		};
	}

}
