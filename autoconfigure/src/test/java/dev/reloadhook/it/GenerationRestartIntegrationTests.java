package dev.reloadhook.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.ReloadWindow;
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
		// The port the first generation bound, where the clients connect.
		int port = this.application.awaitPort();
		assertListensOnlyOn(port);
		assertThat(http.body("/hello")).isEqualTo("v1");
		try (SteadyClient client = new SteadyClient(port, "/hello", 2).awaitRunning()) {
			for (int version = 2; version <= 21; version++) {
				String answer = "v" + version;
				project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
				await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(10))
					.until(() -> http.body("/hello"), answer::equals);
			}
			http.awaitReloadFinished();
			List<ReloadWindow> reloads = ReloadWindow.history(http);
			assertThat(reloads).filteredOn((reload) -> reload.tier().equals("restart"))
				.hasSize(20)
				.allSatisfy((reload) -> assertThat(reload.outcome()).isEqualTo("success"));
			client.awaitRanThrough(reloads);
			client.close();
			client.assertNothingFailed();
			assertThat(client.bodies().keySet()).contains("v1", "v21")
				.allMatch((body) -> body.matches("v([1-9]|1[0-9]|2[01])"));
			// Tomcat closes a keep-alive connection after 100 requests: far fewer
			// connections than requests means connections survived the reloads.
			assertThat(client.connections()).isLessThan(client.ok() / 50 + 3);
		}
		// Each generation served on the first one's socket: nothing else was bound.
		assertListensOnlyOn(port);
		assertThat(this.application.lines("Tomcat started on port")).hasSize(1);
		assertThat(this.application.awaitLines("Generation \\d+ serving in", 21)).hasSize(21);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	private void assertListensOnlyOn(int port) throws Exception {
		if (Files.isDirectory(Path.of("/proc/self/fd"))) {
			assertThat(this.application.listeningPorts()).containsExactly(port);
		}
	}

	@Test
	void readinessProbeAcceptsTrafficThroughEveryRestart() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of(), RESTARTS_ONLY, "--management.endpoint.health.probes.enabled=true",
				"--management.endpoints.web.exposure.include=health,reload");
		int port = this.application.awaitPort();
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		try (SteadyClient client = new SteadyClient(port, "/actuator/health/readiness", 2).awaitRunning()) {
			for (int generation = 2; generation <= 8; generation++) {
				http.restartTo(generation);
				http.awaitReloadFinished();
			}
			List<ReloadWindow> reloads = ReloadWindow.history(http);
			client.awaitRanThrough(reloads);
			client.close();
			// A generation takes traffic only once Boot has published ACCEPTING_TRAFFIC:
			// a probe never sees a serving generation that still refuses it (503).
			client.assertNothingFailed();
			assertThat(client.ok()).isPositive();
		}
	}

	@Test
	void generationThatFailsToStartLeavesThePreviousOneServing() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of());
		try (SteadyClient client = new SteadyClient(this.application.awaitPort(), "/hello", 2).awaitRunning()) {
			failingGenerationsLeaveThePreviousOneServing(project, http);
			http.awaitReloadFinished();
			List<ReloadWindow> reloads = ReloadWindow.history(http);
			assertThat(reloads).filteredOn((reload) -> reload.outcome().equals("failure")).hasSizeGreaterThanOrEqualTo(3);
			client.awaitRanThrough(reloads);
			client.close();
			client.assertNothingFailed();
			assertThat(client.bodies().keySet()).containsExactly("fixed", "v1");
		}
	}

	private void failingGenerationsLeaveThePreviousOneServing(SourceProject project, Http http) throws Exception {
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
			http.restartTo(i + 1);
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
		CompletableFuture<String> slow = holdRequestAcrossRestart(project, http, release, "v2");
		// The old generation waits for its last request before it is closed.
		assertThat(JsonPath.<String>read(http.body("/actuator/reload"), "$.state")).isEqualTo("reloading");
		assertThat(slow).isNotDone();
		Files.createFile(release);
		assertThat(slow.get()).isEqualTo("slow-v1");
		await().atMost(RELOAD_TIMEOUT).until(() -> JsonPath.<String>read(http.body("/actuator/reload"), "$.state"),
				"idle"::equals);
		Map<String, Object> restart = restartRecord(http, 2);
		assertThat(JsonPath.<Integer>read(restart, "$.phasesMs.drain")).isPositive();
		assertThat(restart).containsEntry("heldRequests", 1);
	}

	@Test
	void changeSavedWhileTheOldGenerationDrainsIsServedWithoutWaitingForTheDrain() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// A long poll on generation 1, and a drain timeout far longer than the test waits.
		Http http = start(project, List.of(), RESTARTS_ONLY, "--reload-hook.restart.drain-timeout=10m");
		Path release = this.temp.resolve("release");
		CompletableFuture<String> slow = holdRequestAcrossRestart(project, http, release, "v2");
		assertThat(JsonPath.<String>read(http.body("/actuator/reload"), "$.state")).isEqualTo("reloading");

		// The next change does not wait for generation 1's request.
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v3"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v3"::equals);
		this.application.awaitLine("Generation 1 still serves 1 request: the next change goes ahead");
		assertThat(slow).isNotDone();
		assertThat(http.generationStatus(1)).isEqualTo("retiring");

		// It still finishes on generation 1, which closes then.
		Files.createFile(release);
		assertThat(slow.get()).isEqualTo("slow-v1");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.generationStatus(1), (status) -> !"retiring".equals(status));
		http.awaitReloadFinished();
		assertThat(restartRecord(http, 2)).containsEntry("heldRequests", 1).containsEntry("outcome", "success");
		assertThat(restartRecord(http, 3)).containsEntry("outcome", "success");
		assertThat(this.application.lines("still had .* running after")).isEmpty();
	}

	@Test
	void restartRecordSplitsTheRefreshIntoTheStepsSpringMarks() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of(), RESTARTS_ONLY);
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		String line = this.application.awaitLine("Generation 2 serving in");
		assertThat(line).containsPattern(
				"refresh (\\d+) \\[prepare \\d+, parse \\d+, web \\d+, beans \\d+, runners \\d+\\], switch");
		Map<String, Integer> phases = JsonPath.read(restartRecord(http, 2), "$.phasesMs");
		assertThat(phases).containsKeys("prepare", "parse", "web", "beans", "runners");
		// Configuration classes and beans are never free; the parts add up to the refresh
		// (each rounded down to the millisecond).
		assertThat(phases.get("parse")).isPositive();
		assertThat(phases.get("beans")).isPositive();
		int parts = phases.get("prepare") + phases.get("parse") + phases.get("web") + phases.get("beans")
				+ phases.get("runners");
		assertThat(parts).isLessThanOrEqualTo(phases.get("refresh")).isGreaterThan(phases.get("refresh") - 10);
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
		this.application.awaitLine("Generation 1 serving");
		// A request in flight in generation 1 holds the first reload (in its drain phase,
		// once generation 2 serves) until it is released.
		Path release = this.temp.resolve("release");
		CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> http.body("/slow?until=" + release));
		await().atMost(RELOAD_TIMEOUT).until(() -> Files.exists(Path.of(release + ".started")));
		http.restartTo(2);
		for (int i = 0; i < 4; i++) {
			assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
		}
		// All four were requested while a reload ran. Followed by them, the first reload
		// leaves its drain to the background and ends; they are merged into the reload that
		// follows it, or, those made once that one runs, into one more. The request in
		// flight still holds generation 1.
		assertThat(slow).isNotDone();
		Files.createFile(release);
		assertThat(slow.get(60, TimeUnit.SECONDS)).isEqualTo("slow-v1");
		await().during(Duration.ofMillis(500))
			.atMost(RELOAD_TIMEOUT)
			.until(() -> JsonPath.<String>read(http.body("/actuator/reload"), "$.state"), "idle"::equals);
		String state = http.body("/actuator/reload");
		int total = JsonPath.<Integer>read(state, "$.reloads.total");
		assertThat(total).isBetween(2, 3);
		assertThat(JsonPath.<Integer>read(state, "$.generation")).isEqualTo(total + 1);
		List<ReloadWindow> reloads = ReloadWindow.history(http);
		assertThat(reloads).hasSize(total);
		for (int i = 1; i < reloads.size(); i++) {
			assertThat(reloads.get(i).start()).isAfterOrEqualTo(reloads.get(i - 1).earliestEnd());
		}
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

	/**
	 * A build that recompiles the whole module (Maven's compiler plugin does once it sees a
	 * changed source) removes every class file first and writes them in several bursts:
	 * a class written while the main class is missing must still be served once the
	 * build is done, a class the build has not written again yet is no reason to restart,
	 * and the wait is logged once.
	 */
	@Test
	void classWrittenWhileTheBuildHadRemovedTheMainClassIsServedOnceTheBuildIsDone() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of(), "--logging.level.dev.reloadhook.reload.ReloadCoordinator=DEBUG");
		this.application.awaitLine("Generation 1 serving");
		assertThat(http.body("/hello")).isEqualTo("v1");
		java.nio.file.Path main = project.classFile(TestApp.MAIN);
		byte[] mainBytes = Files.readAllBytes(main);
		java.nio.file.Path beans = project.classFile("app.Beans");
		byte[] beansBytes = Files.readAllBytes(beans);
		Files.delete(main);
		this.application.awaitLine("no longer hold app/TestApp.class");
		assertThat(JsonPath.<String>read(http.body("/actuator/reload"), "$.state")).isEqualTo("waiting-for-build");
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		Files.delete(beans);
		// Seen while the main class is still missing (before this fix: logged again).
		this.application.awaitLines("no longer hold app/TestApp.class|Changes held until the build writes", 2);
		Files.write(main, mainBytes);
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		Files.write(beans, beansBytes);
		this.application.awaitLine("Nothing to reload in .*app/Beans.class");
		http.awaitReloadFinished();
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation")).isEqualTo(1);
		assertThat(this.application.lines("Generation \\d+ serving in")).hasSize(1);
		assertThat(this.application.lines("no longer hold")).hasSize(1);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	@Test
	void resourcesWrittenAgainWithTheSameBytesAreNotAChangeAndAChangedOneRestarts() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		String properties = "spring.main.banner-mode=off\ngreeting=hello\n";
		project.resource("application.properties", properties);
		project.resource("messages.properties", "title=Owners\n");
		project.recompile("app.GreetingController", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class GreetingController {

					private final String greeting;

					public GreetingController(
							@org.springframework.beans.factory.annotation.Value("${greeting}") String greeting) {
						this.greeting = greeting;
					}

					@org.springframework.web.bind.annotation.GetMapping("/greeting")
					public String greeting() {
						return this.greeting;
					}

				}
				""");
		Http http = start(project, List.of());
		http.awaitReloadFinished();
		assertThat(http.body("/greeting")).isEqualTo("hello");

		// What mvn compile's resource copy does: the same bytes written again, attributes
		// and modification times set on the others.
		Path application = project.classes().resolve("application.properties");
		Path messages = project.classes().resolve("messages.properties");
		Files.writeString(application, properties);
		Files.setLastModifiedTime(application, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
		Files.setLastModifiedTime(messages, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
		this.application.awaitLine("Nothing to reload in .*application.properties");
		// No second burst restarts either: the generation stays the first.
		await().during(Duration.ofMillis(500)).atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(20))
			.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"), (g) -> g == 1);
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<String>read(state, "$.last.tier")).isEqualTo("no-op");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.failed")).isZero();
		assertThat(this.application.lines("Generation \\d+ serving in")).hasSize(1);

		Files.writeString(application, "spring.main.banner-mode=off\ngreeting=hi\n");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting"), "hi"::equals);
		http.awaitReloadFinished();
		state = http.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.generation")).isEqualTo(2);
		assertThat(JsonPath.<String>read(state, "$.last.tier")).isEqualTo("restart");
		assertThat(JsonPath.<String>read(state, "$.last.reason")).isEqualTo("application.properties changed");

		// The restart's bytes are now the baseline: written again, they change nothing.
		String unchanged = "Nothing to reload in .*application.properties";
		int before = this.application.lines(unchanged).size();
		Files.writeString(application, "spring.main.banner-mode=off\ngreeting=hi\n");
		this.application.awaitLines(unchanged, before + 1);
		http.awaitReloadFinished();
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation")).isEqualTo(2);
		assertThat(http.body("/greeting")).isEqualTo("hi");
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

	/**
	 * Send a request that runs until the release file exists, then restart to a new
	 * version of the controller: the request is in flight on the replaced generation.
	 */
	private static CompletableFuture<String> holdRequestAcrossRestart(SourceProject project, Http http, Path release,
			String version) {
		CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> http.body("/slow?until=" + release));
		await().atMost(RELOAD_TIMEOUT).until(() -> Files.exists(Path.of(release + ".started")));
		project.recompile(TestApp.CONTROLLER, TestApp.controller(version));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), version::equals);
		return slow;
	}

	/**
	 * Return the record of the restart that started a generation: not necessarily the
	 * last reload, a later event may have been one of its own.
	 */
	private static Map<String, Object> restartRecord(Http http, int generation) {
		List<Map<String, Object>> restarts = JsonPath.read(http.body("/actuator/reload/history"),
				"$.reloads[?(@.tier == 'restart' && @.generation == " + generation + ")]");
		assertThat(restarts).as("the restart to generation %d", generation).hasSize(1);
		return restarts.get(0);
	}

}
