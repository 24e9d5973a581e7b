package dev.reloadhook.testsupport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sources of a small web application used by the integration tests: a
 * {@code /hello} endpoint whose answer the tests change, and a {@code /slow} endpoint that
 * creates {@code <until>.started} and answers only once the file {@code <until>} exists (to
 * hold a request in flight without sleeping).
 */
public final class TestApp {

	public static final String MAIN = "app.TestApp";

	public static final String CONTROLLER = "app.HelloController";

	private TestApp() {
	}

	public static SourceProject create(Path directory) throws IOException {
		SourceProject project = new SourceProject(directory.resolve("classes"));
		project.source(MAIN, appSource());
		project.source(CONTROLLER, controller("v1"));
		// A @Bean method: Spring caches bean methods in static soft caches that must not
		// keep closed generations alive.
		project.source("app.Beans", """
				package app;

				@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
				public class Beans {

					@org.springframework.context.annotation.Bean
					public java.util.function.Supplier<String> supplier() {
						return () -> "bean";
					}

				}
				""");
		project.resource("application.properties", "spring.main.banner-mode=off\n");
		project.compileAll();
		return project;
	}

	public static String appSource() {
		return """
				package app;

				import org.springframework.boot.SpringApplication;
				import org.springframework.boot.autoconfigure.SpringBootApplication;

				@SpringBootApplication
				public class TestApp {

					public static void main(String[] args) {
						SpringApplication.run(TestApp.class, args);
					}

				}
				""";
	}

	public static String controller(String answer) {
		return """
				package app;

				import java.nio.file.Files;
				import java.nio.file.Path;
				import java.util.concurrent.locks.LockSupport;

				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RequestParam;
				import org.springframework.web.bind.annotation.RestController;

				@RestController
				public class HelloController {

					@GetMapping("/hello")
					public String hello() {
						return "%s";
					}

					@GetMapping("/slow")
					public String slow(@RequestParam String until) throws java.io.IOException {
						Files.createFile(Path.of(until + ".started"));
						Path file = Path.of(until);
						long deadline = System.nanoTime() + 60_000_000_000L;
						while (!Files.exists(file) && System.nanoTime() < deadline) {
							LockSupport.parkNanos(5_000_000L);
						}
						return "slow-%s";
					}

				}
				""".formatted(answer, answer);
	}

	/**
	 * A bean whose constructor runs the given statement (e.g. one that throws).
	 */
	public static String component(String simpleName, String constructorBody) {
		return """
				package app;

				@org.springframework.stereotype.Component
				public class %s {

					public %s() {
						%s
					}

				}
				""".formatted(simpleName, simpleName, constructorBody);
	}


	/**
	 * Return the source of {@code app.Cart}: a serializable session value of the
	 * application's own class, whose items print as a list.
	 */
	public static String cart() {
		return """
				package app;

				public class Cart implements java.io.Serializable {

					private final java.util.List<String> items = new java.util.ArrayList<>();

					public synchronized void add(String item) {
						this.items.add(item);
					}

					@Override
					public synchronized String toString() {
						return this.items.toString();
					}

				}
				""";
	}

}
