package dev.reloadhook.it;

import java.io.File;
import java.time.Duration;
import java.util.List;

import dev.reloadhook.testsupport.AppLibraries;
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
 * An application with both spring-boot-devtools and reload-hook on its class path, as
 * generated projects often have: reload-hook restarts it, DevTools' restarter is off and
 * its LiveReload server stays (one for all generations); a property gives restarts back to
 * DevTools.
 */
class DevToolsHandOverIntegrationTests extends ApplicationTests {

	private static final String RESTARTS_ONLY = "--reload-hook.hotswap.enabled=false";

	/** LiveReload on an ephemeral port: never a fixed one in tests. */
	private static final String LIVE_RELOAD_PORT = "--spring.devtools.livereload.port=0";

	@Test
	void reloadHookTakesOverRestartsAndDevToolsKeepsItsOtherFeatures() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		String classPath = project.classes() + File.pathSeparator + AppLibraries.classPathWith("devtools");
		this.application = RunningApplication.start(classPath, List.of(), TestApp.MAIN, RESTARTS_ONLY,
				"--spring.devtools.livereload.enabled=true", LIVE_RELOAD_PORT);
		int port = this.application.awaitPort();
		Http http = new Http(port);
		assertThat(this.application.awaitLine("reload-hook takes over restarts from spring-boot-devtools"))
			.contains("LiveReload and its other features stay on");
		assertThat(http.body("/hello")).isEqualTo("v1");
		try (SteadyClient client = new SteadyClient(port, "/hello", 2)) {
			for (int version = 2; version <= 6; version++) {
				String answer = "v" + version;
				project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
					.until(() -> http.body("/hello"), answer::equals);
			}
			client.close();
			assertThat(client.refused()).as("refused connections: %s", client.failures()).isZero();
			assertThat(client.broken()).as("broken connections: %s", client.failures()).isZero();
			assertThat(client.serverErrors()).as("5xx: %s", client.failures()).isZero();
			assertThat(client.ok()).isPositive();
		}
		assertThat(this.application.awaitLines("Generation \\d+ serving in", 6)).hasSize(6);
		assertThat(this.application.lines("Reload failed")).isEmpty();
		assertThat(this.application.lines("Restarting|restartedMain")).as("DevTools restarts").isEmpty();
		// Every generation finds the LiveReload server running; only the first started it
		// (and logs the port it bound): DevTools' @RestartScope bean is retained.
		assertThat(this.application.lines("LiveReload server is running on port")).hasSize(6);
		assertThat(this.application.lines("LiveReload server is running on port [1-9]")).hasSize(1);
	}

	@Test
	void preferDevToolsLeavesRestartsToDevTools() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		String classPath = project.classes() + File.pathSeparator + AppLibraries.classPathWith("devtools");
		this.application = RunningApplication.start(classPath, List.of("-Dreload-hook.devtools=prefer-devtools"),
				TestApp.MAIN, LIVE_RELOAD_PORT);
		assertThat(this.application.awaitLine("reload-hook is off"))
			.contains("spring-boot-devtools restarts this application");
		assertThat(new Http(this.application.awaitPort()).body("/hello")).isEqualTo("v1");
		assertThat(this.application.lines("takes over restarts")).isEmpty();
	}

}
