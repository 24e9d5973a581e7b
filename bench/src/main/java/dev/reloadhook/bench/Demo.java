package dev.reloadhook.bench;

import java.util.Locale;

/**
 * The demo application a benchmark runs, chosen with {@code -Dbench.demo}: the servlet demo
 * (Spring MVC on Tomcat, the default), the same demo on Jetty (its Maven profile
 * {@code jetty}) or the WebFlux demo (Reactor Netty). All have the same
 * {@code GreetingService} that the scenario edits.
 *
 * @param module the demo's Maven module
 * @param mavenProfile the Maven profile its class path is resolved with, empty for none
 * @param mainClass its main class
 * @param greetingService its greeting service, the class the scenario edits
 */
record Demo(String module, String mavenProfile, String mainClass, String greetingService) {

	static final Demo SERVLET = new Demo("demo-service", "", "dev.reloadhook.demo.DemoApplication",
			"dev.reloadhook.demo.greeting.GreetingService");

	static final Demo JETTY = new Demo("demo-service", "jetty", SERVLET.mainClass(), SERVLET.greetingService());

	static final Demo WEBFLUX = new Demo("demo-webflux", "", "dev.reloadhook.demo.webflux.DemoWebFluxApplication",
			"dev.reloadhook.demo.webflux.greeting.GreetingService");

	/**
	 * Return how the reports name this demo.
	 */
	String description() {
		return this.mavenProfile.isEmpty() ? this.module : this.module + " (-P" + this.mavenProfile + ")";
	}

	static Demo fromSystemProperties() {
		String name = System.getProperty("bench.demo", "servlet").trim().toLowerCase(Locale.ROOT);
		return switch (name) {
			case "servlet" -> SERVLET;
			case "jetty" -> JETTY;
			case "webflux" -> WEBFLUX;
			default -> throw new IllegalArgumentException("bench.demo must be servlet, jetty or webflux, not " + name);
		};
	}

}
