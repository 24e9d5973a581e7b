package dev.reloadhook.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts an application that depends on reload-hook in its own JVM, from a class
 * directory, changes its classes with {@code javax.tools} and checks over real HTTP what
 * a user would see.
 */
class GenerationRestartIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	/** Body-only changes would be hot-swapped: these tests are about generation restarts. */
	private static final String RESTARTS_ONLY = "--reload-hook.hotswap.enabled=false";


	@Test
	void servesNewCodeWithoutRefusingOrFailingAnyRequestAcrossTwentyReloads() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of(), RESTARTS_ONLY);
		int port = this.application.awaitPort();
		assertThat(http.body("/hello")).isEqualTo("v1");
		List<String> served = new ArrayList<>();
		try (SteadyClient client = new SteadyClient(port, "/hello", 2)) {
			for (int version = 2; version <= 21; version++) {
				String answer = "v" + version;
				project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
				await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(10))
					.until(() -> http.body("/hello"), answer::equals);
				served.add(answer);
			}
			client.close();
			assertThat(client.refused()).as("refused connections: %s", client.failures()).isZero();
			assertThat(client.broken()).as("broken connections: %s", client.failures()).isZero();
			assertThat(client.serverErrors()).as("5xx: %s", client.failures()).isZero();
			assertThat(client.otherStatus()).as("other status: %s", client.failures()).isZero();
			assertThat(client.ok()).isPositive();
			assertThat(client.bodies().keySet()).allMatch((body) -> body.matches("v([1-9]|1[0-9]|2[01])"));
			// Tomcat closes a keep-alive connection after 100 requests: far fewer
			// connections than requests means connections survived the reloads.
			assertThat(client.connections()).isLessThan(client.ok() / 50 + 3);
		}
		assertThat(served).hasSize(20);
		http.awaitReloadFinished();
		assertThat(this.application.awaitPort()).isEqualTo(port);
		assertThat(this.application.awaitLines("Generation \\d+ serving in", 21)).hasSize(21);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	@Test
	void generationThatFailsToStartLeavesThePreviousOneServing() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of());
		project.recompile("app.Broken", TestApp.component("Broken", "throw new IllegalStateException(\"boom\");"));
		String failure = this.application.awaitLine("Reload failed: generation 2");
		assertThat(failure).contains("generation 1 keeps serving").contains("IllegalStateException: boom")
			.contains("bean 'broken'");
		assertThat(http.body("/hello")).isEqualTo("v1");
		assertThat(this.application.lines("Application run failed")).isEmpty();
		String state = http.body("/actuator/reload");
		assertThat((String) JsonPath.read(state, "$.last.outcome")).isEqualTo("failure");
		assertThat((String) JsonPath.read(state, "$.last.error")).contains("boom");
		assertThat((Integer) JsonPath.read(state, "$.generation")).isEqualTo(1);

		Files.delete(project.classFile("app.Broken"));
		project.recompile("app.NeedsMissing", """
				package app;

				@org.springframework.stereotype.Component
				public class NeedsMissing {

					public NeedsMissing(Missing missing) {
					}

					public interface Missing {
					}

				}
				""");
		this.application.awaitLine("Reload failed: generation \\d+ .*NoSuchBeanDefinitionException");
		assertThat(http.body("/hello")).isEqualTo("v1");

		Files.delete(project.classFile("app.NeedsMissing"));
		project.recompile("app.BadValue", """
				package app;

				@org.springframework.stereotype.Component
				public class BadValue {

					public BadValue(@org.springframework.beans.factory.annotation.Value("${no.such.property}") String value) {
					}

				}
				""");
		this.application.awaitLine("Reload failed: generation \\d+ .*no.such.property");
		assertThat(http.body("/hello")).isEqualTo("v1");

		Files.delete(project.classFile("app.BadValue"));
		project.recompile(TestApp.CONTROLLER, TestApp.controller("fixed"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "fixed"::equals);
	}

	@Test
	void oldGenerationsAreCollectedAfterThirtyReloads() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of());
		for (int i = 1; i <= 30; i++) {
			int next = i + 1;
			assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
			await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(20))
				.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"), (g) -> g == next);
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live <= 2);
		assertThat(http.body("/hello")).isEqualTo("v1");
	}

	@Test
	void requestsInFlightFinishOnTheOldGenerationWhileNewOnesReachTheNewOne() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of(), RESTARTS_ONLY);
		Path release = this.temp.resolve("release");
		CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> http.body("/slow?until=" + release));
		await().atMost(RELOAD_TIMEOUT).until(() -> Files.exists(Path.of(release + ".started")));
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		// The old generation waits for its last request before it is closed.
		assertThat(JsonPath.<String>read(http.body("/actuator/reload"), "$.state")).isEqualTo("reloading");
		assertThat(slow).isNotDone();
		Files.createFile(release);
		assertThat(slow.get()).isEqualTo("slow-v1");
		await().atMost(RELOAD_TIMEOUT).until(() -> JsonPath.<String>read(http.body("/actuator/reload"), "$.state"),
				"idle"::equals);
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.last.phasesMs.drain")).isPositive();
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.last.heldRequests")).isEqualTo(1);
	}

	@Test
	void burstOfThirtyClassFilesIsOneReload() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// A longer quiet period than the default: on a loaded machine javac may pause for
		// more than 20 ms between two of the files it writes.
		Http http = start(project, List.of(), "--reload-hook.watch.quiet-period=500ms");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String name = "app.Extra" + i;
			project.source(name, "package app; public class Extra" + i + " { }");
			names.add(name);
		}
		project.source(TestApp.CONTROLLER, TestApp.controller("burst"));
		names.add(TestApp.CONTROLLER);
		project.compile(names);
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "burst"::equals);
		http.awaitReloadFinished();
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.total")).isEqualTo(1);
		assertThat(JsonPath.<List<String>>read(state, "$.last.changes")).hasSize(31);
	}

	@Test
	void halfWrittenClassFileIsNotLoadedUntilComplete() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of());
		Path scratch = this.temp.resolve("scratch");
		SourceProject other = new SourceProject(scratch);
		other.source(TestApp.CONTROLLER, TestApp.controller("complete")).compileAll();
		byte[] complete = Files.readAllBytes(other.classFile(TestApp.CONTROLLER));
		Path target = project.classFile(TestApp.CONTROLLER);
		Files.write(target, java.util.Arrays.copyOf(complete, complete.length / 2));
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
			.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.reloads.total"), (total) -> total == 0);
		assertThat(http.body("/hello")).isEqualTo("v1");
		Files.write(target, complete);
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "complete"::equals);
		http.awaitReloadFinished();
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.total")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(state, "$.reloads.failed")).isZero();
	}

	@Test
	void reloadsRequestedDuringAReloadAreMergedAndNeverOverlap() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of());
		for (int i = 0; i < 5; i++) {
			assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
		}
		await().atMost(RELOAD_TIMEOUT).until(() -> JsonPath.<String>read(http.body("/actuator/reload"), "$.state"),
				"idle"::equals);
		await().during(Duration.ofMillis(300)).atMost(RELOAD_TIMEOUT)
			.until(() -> JsonPath.<String>read(http.body("/actuator/reload"), "$.state"), "idle"::equals);
		String state = http.body("/actuator/reload");
		int total = JsonPath.<Integer>read(state, "$.reloads.total");
		assertThat(total).isBetween(1, 2);
		assertThat(JsonPath.<Integer>read(state, "$.generation")).isEqualTo(total + 1);
		assertThat(this.application.awaitLines("Generation \\d+ serving in", total + 1)).hasSize(total + 1);
	}

	@Test
	void deletedClassIsAReloadAndItsAbsenceIsServed() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.recompile("app.Extra", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class Extra {

					@org.springframework.web.bind.annotation.GetMapping("/extra")
					public String extra() {
						return "extra";
					}

				}
				""");
		Http http = start(project, List.of());
		assertThat(http.body("/extra")).isEqualTo("extra");
		Files.delete(project.classFile("app.Extra"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.get("/extra").statusCode(), (status) -> status == 404);
		assertThat(http.body("/hello")).isEqualTo("v1");
	}

	@Test
	void serverThatCannotOutliveAGenerationIsStoppedBeforeTheNextStarts() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// The user's own factory: reload-hook's shared server backs off.
		project.recompile("app.OwnServer", """
				package app;

				@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
				public class OwnServer {

					@org.springframework.context.annotation.Bean
					org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory ownFactory() {
						return new org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory();
					}

				}
				""");
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.application = RunningApplication.start(project, TestApp.MAIN, "--server.port=" + port, RESTARTS_ONLY);
		Http http = new Http(port);
		this.application.awaitLine("Generation 1 serving");
		assertThat(http.body("/hello")).isEqualTo("v1");
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		this.application.awaitLine("Generation 2 serving");
		assertThat(http.body("/hello")).isEqualTo("v2");
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

}
