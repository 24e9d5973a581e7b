package dev.reloadhook.it;

import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator on a port of its own ({@code management.server.port}) on each embedded server:
 * Spring Boot starts it in a child context of every generation, and that child's server
 * outlives the generations as the application's does.
 */
class ManagementPortIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final int RESTARTS = 3;

	@ParameterizedTest
	@EnumSource(Server.class)
	void bothPortsStayBoundAndTheManagementContextIsPartOfItsGeneration(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		int managementPort = freePort();
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(server), List.of(), TestApp.MAIN,
				"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
				"--management.endpoints.web.exposure.include=info,health,reload",
				"--reload-hook.hotswap.enabled=false");
		int port = this.application.awaitPort();
		Http http = new Http(port);
		Http management = new Http(managementPort);
		this.application.awaitLine("Generation 1 serving");
		assertThat(management.get("/actuator/info").statusCode()).isEqualTo(200);
		// Served by the management server only.
		assertThat(http.get("/actuator/reload").statusCode()).isEqualTo(404);
		try (SteadyClient application = new SteadyClient(port, "/hello", 1);
				// Not the health endpoint: a new generation serves before Spring Boot marks
				// it live and ready, so for a moment its health says DOWN (on every port).
				SteadyClient actuator = new SteadyClient(managementPort, "/actuator/info", 1)) {
			for (int version = 2; version <= RESTARTS + 1; version++) {
				String answer = "v" + version;
				project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
				awaitAnswer(http, answer);
				int generation = version;
				// One generation per reload: the management child context is its parent's.
				await().atMost(RELOAD_TIMEOUT)
					.until(() -> JsonPath.<Integer>read(management.body("/actuator/reload"), "$.generation"),
							(served) -> served == generation);
			}
			application.close();
			actuator.close();
			assertServedEveryRequest("application port", application);
			assertServedEveryRequest("management port", actuator);
		}
		assertThat(this.application.listeningPorts()).contains(port, managementPort);
		// The endpoint shows the new generation just before its line is logged.
		assertThat(this.application.awaitLines("Generation \\d+ serving in", RESTARTS + 1)).hasSize(RESTARTS + 1);
		assertThat(this.application.lines("The port closes during every reload")).isEmpty();
		assertThat(this.application.lines("Reload failed")).isEmpty();
		assertThat(this.application.lines("Management server \\(\\w+\\) started on port " + managementPort))
			.hasSize(1);
		String state = management.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.total")).isEqualTo(RESTARTS);
		// The replaced generations and their management contexts can be collected.
		await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(management.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live <= 2);
	}

	private void assertServedEveryRequest(String name, SteadyClient client) {
		assertThat(client.refused()).as("%s refused: %s", name, client.failures()).isZero();
		assertThat(client.broken()).as("%s broken: %s", name, client.failures()).isZero();
		assertThat(client.serverErrors()).as("%s 5xx: %s", name, client.failures()).isZero();
		assertThat(client.otherStatus()).as("%s other status: %s", name, client.failures()).isZero();
		assertThat(client.ok()).as("%s answered", name).isPositive();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
