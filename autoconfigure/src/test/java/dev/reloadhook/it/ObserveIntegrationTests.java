package dev.reloadhook.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What reloads cost and left behind, seen over HTTP: snapshots and their differences,
 * leak suspects with their holders named, the history's sub-resources and write
 * operations.
 */
class ObserveIntegrationTests extends ApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String QUICK_LEAK_CHECK = "--reload-hook.leaks.quiet-period=100ms";

	private static final String LEAKY = """
			package app;

			@org.springframework.stereotype.Component
			public class Leaky {

				public Leaky() {
					java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
					Thread thread = new Thread(() -> {
						try {
							never.await();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}, "leaky-worker");
					thread.setDaemon(true);
					thread.start();
				}

				@org.springframework.context.event.EventListener
				public void leak(dev.reloadhook.event.LeakSuspectedEvent event) {
					System.out.println("HOOK leak " + event.getSuspect().generation());
				}

			}
			""";

	@Test
	void threadLeftRunningByAClosedGenerationIsReportedWithTheThreadNamed() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.recompile("app.Leaky", LEAKY);
		Http http = start(project, List.of(), QUICK_LEAK_CHECK, "--management.endpoints.web.exposure.include=*");
		assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);

		String line = collectUntilLine("Leak suspect: generation 1 ");
		assertThat(line).contains("thread 'leaky-worker'").contains("fix: stop the thread when the context closes");
		this.application.awaitLine("HOOK leak 1");
		String leaks = http.body("/actuator/reload/leaks");
		assertThat(JsonPath.<Integer>read(leaks, "$.leaks[0].generation")).isEqualTo(1);
		assertThat(JsonPath.<String>read(leaks, "$.leaks[0].holders[0].kind")).isEqualTo("thread");
		assertThat(JsonPath.<String>read(leaks, "$.leaks[0].holders[0].description")).contains("'leaky-worker'");
		assertThat(JsonPath.<List<Object>>read(http.body("/actuator/reload"), "$.leaks")).hasSize(1);
		assertThat(JsonPath.<Double>read(http.body("/actuator/metrics/reload.leaks"), "$.measurements[0].value"))
			.isEqualTo(1.0);

		// The snapshots around the reload show the new thread and the generation left behind.
		String snapshots = http.body("/actuator/reload/snapshots");
		Integer before = JsonPath.<List<Integer>>read(snapshots, "$.snapshots[?(@.cause == 'before-reload')].id").get(0);
		Integer after = JsonPath.<List<Integer>>read(snapshots, "$.snapshots[?(@.cause == 'after-reload')].id").get(0);
		http.post("/actuator/reload/snapshots");
		Integer latest = JsonPath.read(http.body("/actuator/reload/snapshots"), "$.snapshots[-1].id");
		String diff = http.body("/actuator/reload/snapshots/" + before + "/" + latest);
		assertThat(JsonPath.<List<String>>read(diff, "$.diff.threadsStarted[?(@.generation == 2)].name"))
			.contains("leaky-worker");
		assertThat(JsonPath.<List<Integer>>read(diff, "$.diff.generationsNotCollected")).containsExactly(1);
		String snapshot = http.body("/actuator/reload/snapshots/" + after);
		assertThat(JsonPath.<List<String>>read(snapshot, "$.threads[?(@.generation == 1)].name"))
			.contains("leaky-worker");
		assertThat(JsonPath.<Integer>read(snapshot, "$.servingGeneration")).isEqualTo(2);
	}

	@Test
	void objectKeptInAStaticFieldOfALibraryIsReportedWithTheFieldAndTheChainFromIt() throws Exception {
		SourceProject library = new SourceProject(this.temp.resolve("library"));
		library.source("lib.Registry", """
				package lib;

				public class Registry {

					public static final java.util.List<Object> ITEMS = new java.util.ArrayList<>();

				}
				""").compileAll();
		Path jar = jar(library.classes(), this.temp.resolve("library.jar"));
		SourceProject project = TestApp.create(this.temp.resolve("app"));
		// Reached by reflection: the library is a jar of the class path, not one of the app's classes.
		project.recompile("app.Pinned", TestApp.component("Pinned",
				"try { ((java.util.List<Object>) Class.forName(\"lib.Registry\").getField(\"ITEMS\").get(null)).add(this); }"
						+ " catch (ReflectiveOperationException ex) { throw new IllegalStateException(ex); }"));
		this.application = RunningApplication.start(project.classes() + File.pathSeparator + jar + File.pathSeparator
				+ TestClassPath.asString(), TestApp.MAIN, QUICK_LEAK_CHECK);
		Http http = new Http(this.application.awaitPort());
		assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);

		String line = collectUntilLine("Leak suspect: generation 1 ");
		String leaks = http.body("/actuator/reload/leaks");
		assertThat(JsonPath.<List<String>>read(leaks, "$.leaks[0].holders[?(@.kind == 'static-field')].description"))
			.contains("static field lib.Registry.ITEMS holding a app.Pinned");
		// The path from the GC root, read from a heap dump in a process of its own: from the
		// library's static field, through the list, to the generation's class loader.
		String chain = JsonPath.read(leaks, "$.leaks[0].chain");
		// Shown in the test's output: the figure for the planted leak.
		System.out.println("Planted leak: " + line);
		assertThat(chain).as(this.application.output()).startsWith("static lib.Registry.ITEMS → ArrayList.elementData → Object[0] → app.Pinned")
			.endsWith("RestartClassLoader(generation 1)");
		assertThat(line).contains("reachable through " + chain);
		try (Stream<Path> dumps = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			assertThat(dumps.map(Path::toString).filter((name) -> name.contains("reload-hook-" + this.application.pid())))
				.as("the heap dump is deleted").isEmpty();
		}
	}

	/**
	 * Run full collections in the application until it logs a line: the detector counts
	 * the collections that come and never forces one.
	 */
	private String collectUntilLine(String regex) {
		// Long enough for a heap dump and its analysis in a process of its own on a loaded
		// machine.
		return await().atMost(TIMEOUT.multipliedBy(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			this.application.gc();
			List<String> lines = this.application.lines(regex);
			return lines.isEmpty() ? null : lines.get(0);
		}, Objects::nonNull);
	}

	private static Path jar(Path classes, Path jar) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
				out.write(Files.readAllBytes(file));
				out.closeEntry();
			}
		}
		return jar;
	}

	@Test
	void applicationThatCleansUpLeavesNoSuspectAndItsGenerationsAreCollected() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of(), QUICK_LEAK_CHECK);
		for (int i = 0; i < 10; i++) {
			assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
			http.awaitReloadFinished();
		}
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
			// The detector never forces a collection: the test runs them.
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live == 1);
		assertThat(JsonPath.<List<Object>>read(http.body("/actuator/reload"), "$.leaks")).isEmpty();
		assertThat(this.application.lines("Leak suspect")).isEmpty();
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation")).isEqualTo(11);
	}

	@Test
	void leakChecksUnderASteadyClientNeverForceAFullCollection() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// The GC log on the application's output: every full collection shows as "Pause Full".
		Http http = start(project, List.of("-Xlog:gc"), QUICK_LEAK_CHECK,
				"--logging.level.dev.reloadhook.observe.leak=debug");
		try (SteadyClient client = new SteadyClient(this.application.awaitPort(), "/hello", 2).awaitRunning()) {
			for (int i = 0; i < 5; i++) {
				assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
				http.awaitReloadFinished();
			}
			// A check ran while the client kept the young generation busy, whether its
			// collections came in time or it gave up until later.
			this.application.awaitLine("Leak check: ");
			client.assertNothingFailed();
		}
		// Only the test's own collections ("Diagnostic Command") from here on: the
		// generations were collectable, and no check found a suspect on the way.
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live == 1);
		assertThat(this.application.lines("Pause Full \\(System.gc\\(\\)\\)")).as("full collections asked for by the application")
			.isEmpty();
		assertThat(this.application.lines("Leak suspect")).isEmpty();
	}

	@Test
	void subResourcesAnswerWithTheItemOr404AndWritesTakeEffect() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, List.of());
		assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
		http.awaitReloadFinished();

		Integer id = JsonPath.read(http.body("/actuator/reload"), "$.last.id");
		assertThat(JsonPath.<String>read(http.body("/actuator/reload/history/" + id), "$.trigger")).isEqualTo("manual");
		assertThat(http.get("/actuator/reload/history/999").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/reload/history/nope").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/reload/snapshots/999").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/reload/snapshots/1/999").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/reload/nothing").statusCode()).isEqualTo(404);
		Map<String, Object> durations = JsonPath.read(http.body("/actuator/reload"), "$.durations");
		assertThat(durations).containsEntry("count", 1).containsKeys("p50Ms", "p95Ms", "maxMs");
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.reloads.byTier.restart.success"))
			.isEqualTo(1);

		// A hot swap asked for applies what differs from the running classes: nothing here.
		assertThat(http.post("/actuator/reload/hotswap").statusCode()).isEqualTo(200);
		await().atMost(TIMEOUT).until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.last.id"),
				(last) -> last == id + 1);
		Map<String, Object> last = JsonPath.read(http.body("/actuator/reload"), "$.last");
		assertThat(last).containsEntry("tier", "no-op").containsEntry("outcome", "success").containsEntry("generation", 2);
		assertThat(http.post("/actuator/reload/sideways").statusCode()).isEqualTo(400);

		assertThat(http.post("/actuator/reload/snapshots").statusCode()).isEqualTo(200);
		assertThat(http.delete("/actuator/reload/history").statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<Object>>read(http.body("/actuator/reload"), "$.history")).isEmpty();
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.reloads.total")).isEqualTo(2);
		assertThat(http.body("/hello")).isEqualTo("v1");
	}

}
