package dev.reloadhook.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Source mode: the application runs from a Maven project's {@code target/classes}; the
 * test only writes {@code .java} and resource files into {@code src/main}, as an editor
 * would, and checks over HTTP what is served.
 */
class SourceModeIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(90);

	private static final String GREETER = """
			package app;

			public class Greeter {

				public static final String PREFIX = "%s";

			}
			""";

	private static final String GREETING_CONTROLLER = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class GreetingController {

				@org.springframework.beans.factory.annotation.Value("${greeting.name:nobody}")
				private String name;

				@org.springframework.web.bind.annotation.GetMapping("/greeting")
				public String greeting() {
					return Greeter.PREFIX + " " + this.name;
				}

			}
			""";

	private Path java;

	private Path resources;

	private Http start() throws Exception {
		Path project = this.temp.resolve("project");
		this.java = Files.createDirectories(project.resolve("src/main/java/app"));
		this.resources = Files.createDirectories(project.resolve("src/main/resources"));
		SourceProject compiled = new SourceProject(project.resolve("target/classes"));
		compiled.source(TestApp.MAIN, TestApp.appSource())
			.source(TestApp.CONTROLLER, TestApp.controller("v1"))
			.source("app.Greeter", GREETER.formatted("hello"))
			.source("app.GreetingController", GREETING_CONTROLLER)
			.compileAll();
		write("TestApp.java", TestApp.appSource());
		write("HelloController.java", TestApp.controller("v1"));
		write("Greeter.java", GREETER.formatted("hello"));
		write("GreetingController.java", GREETING_CONTROLLER);
		Files.writeString(this.resources.resolve("application.properties"), "greeting.name=world\n");
		Files.copy(this.resources.resolve("application.properties"),
				compiled.classes().resolve("application.properties"));
		this.application = RunningApplication.start(compiled, TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		this.application.awaitLine("compiles changed sources of");
		return http;
	}

	private void write(String name, String source) throws Exception {
		Files.writeString(this.java.resolve(name), source);
	}

	@Test
	void savedSourcesAndResourcesAreServed() throws Exception {
		Http http = start();
		assertThat(http.body("/greeting")).isEqualTo("hello world");

		write("HelloController.java", TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		assertThat(last(http)).containsEntry("tier", "hotswap");
		assertThat(JsonPath.<Map<String, Object>>read(http.body("/actuator/reload"), "$.last.phasesMs"))
			.containsKey("compile");

		write("Extra.java", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class Extra {

					@org.springframework.web.bind.annotation.GetMapping("/extra")
					public String extra() {
						return "extra";
					}

				}
				""");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/extra"), "extra"::equals);
		assertThat(last(http)).containsEntry("tier", "restart");

		// A constant is inlined into the classes that use it: they are compiled again too.
		write("Greeter.java", GREETER.formatted("hi"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "hi world"::equals);

		Files.writeString(this.resources.resolve("application.properties"), "greeting.name=reload\n");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "hi reload"::equals);
	}

	@Test
	void compileErrorIsReportedAndTheNextSaveRetries() throws Exception {
		Http http = start();
		write("HelloController.java", TestApp.controller("broken").replace("return \"broken\";", "return broken;"));
		String error = this.application.awaitLine("HelloController.java:\\d+: cannot find symbol");
		assertThat(error).contains("ERROR");
		this.application.awaitLine("Reload failed: compilation failed in");
		Map<String, Object> last = last(http);
		assertThat(last).containsEntry("outcome", "failure");
		assertThat((String) last.get("error")).contains("HelloController.java:").contains("cannot find symbol");
		assertThat(http.body("/hello")).isEqualTo("v1");

		write("HelloController.java", TestApp.controller("fixed"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "fixed"::equals);
	}

	private static Map<String, Object> last(Http http) {
		http.awaitReloadFinished();
		return JsonPath.read(http.body("/actuator/reload"), "$.last");
	}

}
