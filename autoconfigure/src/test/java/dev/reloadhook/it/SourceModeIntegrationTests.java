package dev.reloadhook.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.ReloadWindow;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Source mode: the application runs from a Maven project's {@code target/classes}; the
 * test only writes {@code .java} and resource files into {@code src/main}, as an editor
 * would, and checks over HTTP what is served.
 */
@SuppressWarnings("unchecked")
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
		Map<String, Object> hotSwap = last(http);
		assertThat(hotSwap).containsEntry("tier", "hotswap");
		// From the save to serving: the quiet period and the compilation are in the duration.
		Map<String, Number> phases = (Map<String, Number>) hotSwap.get("phasesMs");
		assertThat(phases).containsKeys("detect", "compile", "redefine");
		assertThat(((Number) hotSwap.get("durationMs")).longValue()).isGreaterThanOrEqualTo(
				phases.get("detect").longValue() + phases.get("compile").longValue() + phases.get("redefine").longValue());

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
		long generation = reloads(http, "$.generation");

		// Saved again unchanged: copied to the class directory, and nothing to reload.
		Files.writeString(this.resources.resolve("application.properties"), "greeting.name=reload\n");
		this.application.awaitLine("Nothing to reload in .*application.properties");
		assertThat(last(http)).containsEntry("tier", "no-op").containsEntry("outcome", "success");
		assertThat(reloads(http, "$.generation")).isEqualTo(generation);
		assertThat(http.body("/greeting")).isEqualTo("hi reload");
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
		// What is missing, and where, on the same line.
		assertThat(error).contains("cannot find symbol; symbol: variable broken; location: class app.HelloController");
		assertThat(http.body("/hello")).isEqualTo("v1");

		write("HelloController.java", TestApp.controller("fixed"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "fixed"::equals);
		http.awaitReloadFinished();
		// The fix is timed from its own save, not from the failed one before it.
		List<ReloadWindow> reloads = ReloadWindow.history(http);
		ReloadWindow failed = reloads.get(reloads.size() - 2);
		ReloadWindow fixed = reloads.get(reloads.size() - 1);
		assertThat(failed.outcome()).isEqualTo("failure");
		assertThat(fixed.outcome()).isEqualTo("success");
		assertThat(fixed.start()).isAfterOrEqualTo(failed.earliestEnd());
	}

	@Test
	void structuralSavesReloadOncePerSaveWithTheirFinalClassFiles() throws Exception {
		Http http = start();
		long before = reloads(http, "$.reloads.total");
		int saves = 6;
		for (int save = 1; save <= saves; save++) {
			// A new endpoint, a new nested class and a changed signature in one save: a
			// restart whose class files must all be there at once.
			write("Extra.java", """
					package app;

					@org.springframework.web.bind.annotation.RestController
					public class Extra {

						record Answer(String text) {
						}

						@org.springframework.web.bind.annotation.GetMapping("/extra%d")
						public String extra%d() {
							return new Answer("extra %d").text() + " " + Greeter.PREFIX;
						}

					}
					""".formatted(save, save, save));
			String path = "/extra" + save;
			String expected = "extra " + save + " hello";
			await().atMost(RELOAD_TIMEOUT).until(() -> http.body(path), expected::equals);
			http.awaitReloadFinished();
			assertThat(reloads(http, "$.reloads.total")).isEqualTo(before + save);
		}
		// Written after the last save: a late reload of an earlier save would come before it.
		Files.writeString(this.resources.resolve("application.properties"), "greeting.name=end\n");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "hello end"::equals);
		http.awaitReloadFinished();
		assertThat(reloads(http, "$.reloads.total")).isEqualTo(before + saves + 1);
		assertThat(reloads(http, "$.reloads.failed")).isZero();
		assertThat(reloads(http, "$.reloads.byTier['no-op'].success")).isZero();
		assertThat(this.application.output()).doesNotContain("Failed to read candidate component class")
			.doesNotContain("did not start");
	}

	@Test
	void dependentIsCompiledAgainWhenASignatureItUsesChangesAndOthersAreNot() throws Exception {
		Http http = start();
		write("Greeter.java", """
				package app;

				public class Greeter {

					public static final String PREFIX = "hello";

					public static String greet(String name) {
						return "dear " + name;
					}

				}
				""");
		write("GreetingController.java", GREETING_CONTROLLER.replace("Greeter.PREFIX + \" \" + this.name",
				"String.valueOf(Greeter.greet(this.name))"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "dear world"::equals);
		http.awaitReloadFinished();

		// Only Greeter is saved; the controller's call site refers to greet(String) returning
		// String, which no longer exists: it must be compiled again, HelloController not.
		write("Greeter.java", """
				package app;

				public class Greeter {

					public static final String PREFIX = "hello";

					public static CharSequence greet(CharSequence name) {
						return "dearest " + name;
					}

				}
				""");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "dearest world"::equals);
		Map<String, Object> last = last(http);
		assertThat(last).containsEntry("outcome", "success");
		assertThat((List<String>) last.get("changes")).contains("app/Greeter.class", "app/GreetingController.class")
			.doesNotContain("app/HelloController.class", "app/TestApp.class");
	}

	@Test
	void saveThatBreaksAnotherFileChangesNothingUntilBothAreFixed() throws Exception {
		Http http = start();
		write("HelloController.java", TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		http.awaitReloadFinished();

		// PREFIX goes: Greeter compiles, GreetingController, which uses it, does not.
		write("Greeter.java", GREETER.formatted("hi").replace("PREFIX", "GREETING"));
		this.application.awaitLine("GreetingController.java:\\d+: cannot find symbol");
		this.application.awaitLine("Reload failed: compilation failed in");
		Map<String, Object> failed = last(http);
		assertThat(failed).containsEntry("outcome", "failure");
		assertThat((List<String>) failed.get("changes")).contains("app/Greeter.java");
		assertThat(http.body("/greeting")).isEqualTo("hello world");

		// Another save while the first is broken: still nothing served changes.
		write("HelloController.java", TestApp.controller("v3"));
		await().atMost(RELOAD_TIMEOUT)
			.until(() -> this.application.lines("Reload failed: compilation failed in").size() == 2);
		assertThat(http.body("/hello")).isEqualTo("v2");

		write("GreetingController.java", GREETING_CONTROLLER.replace("PREFIX", "GREETING"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "hi world"::equals);
		assertThat(http.body("/hello")).isEqualTo("v3");
		assertThat(this.application.output()).doesNotContain("did not start");
	}

	@Test
	void deletedAndRenamedSourcesTakeTheirClassesAlong() throws Exception {
		Http http = start();
		write("Extra.java", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class Extra {

					@org.springframework.web.bind.annotation.GetMapping("/extra")
					public String extra() {
						Runnable nested = () -> { };
						return new Object() { public String toString() { return "extra"; } }.toString();
					}

				}
				""");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/extra"), "extra"::equals);
		Path classes = this.java.getParent().getParent().getParent().getParent().resolve("target/classes/app");
		assertThat(classes.resolve("Extra$1.class")).exists();

		// Renamed, as an editor's refactoring does: the new file, then the old one goes.
		write("Renamed.java", Files.readString(this.java.resolve("Extra.java"))
			.replace("class Extra", "class Renamed")
			.replace("\"/extra\"", "\"/renamed\""));
		Files.delete(this.java.resolve("Extra.java"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/extra"), "HTTP 404"::equals);
		assertThat(http.body("/renamed")).isEqualTo("extra");
		assertThat(classes.resolve("Extra.class")).doesNotExist();
		assertThat(classes.resolve("Extra$1.class")).doesNotExist();

		Files.delete(this.java.resolve("Renamed.java"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/renamed"), "HTTP 404"::equals);
		assertThat(classes.resolve("Renamed.class")).doesNotExist();
		http.awaitReloadFinished();
		assertThat(reloads(http, "$.reloads.failed")).isZero();
	}

	@Test
	void cleanBuildWhileRunningWaitsForTheBuild() throws Exception {
		Http http = start();
		Path classes = this.java.getParent().getParent().getParent().getParent().resolve("target/classes");
		long failedBefore = reloads(http, "$.reloads.failed");

		// mvn clean: the class directory goes; a save meanwhile waits for the build.
		FileSystemUtils.deleteRecursively(classes);
		this.application.awaitLine("target/classes was removed \\(a clean build\\?\\)");
		write("HelloController.java", TestApp.controller("v2"));
		this.application.awaitLine("is gone \\(a clean build\\?\\): saves wait");
		assertThat(http.body("/hello")).isEqualTo("v1");

		// mvn compile: resources first, then the classes of the sources as they are now.
		Files.createDirectories(classes);
		Files.copy(this.resources.resolve("application.properties"), classes.resolve("application.properties"));
		new SourceProject(classes).source(TestApp.MAIN, TestApp.appSource())
			.source(TestApp.CONTROLLER, TestApp.controller("v2"))
			.source("app.Greeter", GREETER.formatted("hello"))
			.source("app.GreetingController", GREETING_CONTROLLER)
			.compileAll();
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);

		write("GreetingController.java", GREETING_CONTROLLER.replace("\" \"", "\", \""));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "hello, world"::equals);
		http.awaitReloadFinished();
		assertThat(reloads(http, "$.reloads.failed")).isEqualTo(failedBefore);
		assertThat(this.application.lines("was removed \\(a clean build")).hasSize(1);
		assertThat(this.application.output()).doesNotContain("did not start");
	}

	private static long reloads(Http http, String path) {
		return JsonPath.<Number>read(http.body("/actuator/reload"), path).longValue();
	}

	private static Map<String, Object> last(Http http) {
		http.awaitReloadFinished();
		return JsonPath.read(http.body("/actuator/reload"), "$.last");
	}

}
