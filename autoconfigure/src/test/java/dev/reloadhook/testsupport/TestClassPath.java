package dev.reloadhook.testsupport;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The class path the tests run with, without this module's test classes: what an
 * application that depends on reload-hook has. It holds one embedded server: Tomcat with
 * Spring MVC unless another is asked for.
 */
public final class TestClassPath {

	private static final List<String> TOMCAT_JARS = List.of("/org/apache/tomcat/embed/", "/spring-boot-tomcat/",
			"/spring-boot-starter-tomcat");

	private static final List<String> JETTY_JARS = List.of("/org/eclipse/jetty/", "/spring-boot-jetty/",
			"/spring-boot-starter-jetty", "/jakarta/servlet/jakarta.servlet-api/", "/jakarta/websocket/",
			"/jakarta/enterprise/", "/jakarta/inject/", "/jakarta/interceptor/", "/jakarta/transaction/",
			"/org/ow2/asm/asm-commons/", "/org/ow2/asm/asm-tree/");

	private static final List<String> NETTY_JARS = List.of("/io/netty/", "/io/projectreactor/", "/org/reactivestreams/",
			"/spring-boot-http-codec/", "/spring-boot-netty/", "/spring-boot-reactor-netty/", "/spring-boot-reactor/",
			"/spring-boot-starter-reactor-netty/", "/spring-boot-starter-webflux/", "/spring-boot-webflux/",
			"/spring-webflux/");

	private static final List<String> SPRING_MVC_JARS = List.of("/spring-webmvc/", "/spring-boot-webmvc/",
			"/spring-boot-starter-webmvc/");

	private TestClassPath() {
	}

	public static List<String> entries() {
		return entries(Server.TOMCAT);
	}

	/**
	 * Return the class path of an application on the given server.
	 */
	public static List<String> entries(Server server) {
		return entries((entry) -> server.wants(entry.replace('\\', '/')));
	}

	/**
	 * Return the class path to compile an application's sources against: every server's
	 * jars.
	 */
	public static String forCompiling() {
		return whole();
	}

	/**
	 * Return this test JVM's class path as it is, for a module whose tests have one
	 * server only (e.g. an application module's own tests): no jar is left out.
	 */
	public static String whole() {
		return String.join(File.pathSeparator, entries((entry) -> true));
	}

	/**
	 * Return the entries of this test JVM's class path the filter accepts.
	 */
	public static List<String> entries(Predicate<String> filter) {
		// Surefire may start the JVM through a manifest-only jar and publishes the real
		// class path in this property.
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.endsWith("test-classes"))
			.filter(filter)
			.toList();
	}

	public static String asString() {
		return asString(Server.TOMCAT);
	}

	public static String asString(Server server) {
		return String.join(File.pathSeparator, entries(server));
	}

	/**
	 * Return the class path of a WebFlux application on Tomcat, which Spring Boot supports
	 * and reload-hook has no server of its own for.
	 */
	public static String webFluxOnTomcat() {
		List<String> excluded = Stream
			.of(JETTY_JARS, SPRING_MVC_JARS, List.of("/io/netty/", "/io/projectreactor/netty/", "/spring-boot-netty/",
					"/spring-boot-reactor-netty/", "/spring-boot-starter-reactor-netty/"))
			.flatMap(List::stream)
			.toList();
		return String.join(File.pathSeparator,
				entries((entry) -> excluded.stream().noneMatch(entry.replace('\\', '/')::contains)));
	}

	/**
	 * The embedded servers an application may run on.
	 */
	public enum Server {

		/** Tomcat with Spring MVC. */
		TOMCAT(JETTY_JARS, NETTY_JARS),

		/** Jetty with Spring MVC. */
		JETTY(TOMCAT_JARS, NETTY_JARS),

		/** Reactor Netty with Spring WebFlux. */
		NETTY(TOMCAT_JARS, JETTY_JARS, SPRING_MVC_JARS);

		private final List<List<String>> excluded;

		@SafeVarargs
		Server(List<String>... excluded) {
			this.excluded = List.of(excluded);
		}

		private boolean wants(String entry) {
			return this.excluded.stream().flatMap(List::stream).noneMatch(entry::contains);
		}

	}

}
