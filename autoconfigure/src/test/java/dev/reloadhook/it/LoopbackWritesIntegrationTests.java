package dev.reloadhook.it;

import java.io.File;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes on the {@code reload} endpoint over real HTTP, on each embedded server: accepted
 * from the loopback interface, refused from anywhere else. The other host is a forwarded
 * client: with {@code server.forward-headers-strategy=native}, the server takes the
 * client's address from {@code X-Forwarded-For} (Tomcat when the request comes from a
 * trusted proxy, loopback being one; Jetty and Reactor Netty always), as it would behind a
 * local reverse proxy.
 */
class LoopbackWritesIntegrationTests extends ApplicationTests {

	private static final String REMOTE_CLIENT = "192.0.2.10";

	@ParameterizedTest
	@EnumSource(Server.class)
	void writesAndReadsAreServedToTheLoopbackInterfaceOnly(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(server), List.of(), TestApp.MAIN,
				"--server.forward-headers-strategy=native");
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");

		assertThat(http.send("POST", "/actuator/reload", "X-Forwarded-For", REMOTE_CLIENT).statusCode())
			.isEqualTo(403);
		assertThat(http.send("DELETE", "/actuator/reload/history", "X-Forwarded-For", REMOTE_CLIENT).statusCode())
			.isEqualTo(403);
		// Reads show file paths: loopback only too.
		assertThat(http.send("GET", "/actuator/reload", "X-Forwarded-For", REMOTE_CLIENT).statusCode())
			.isEqualTo(403);
		// The refused write changed nothing.
		assertThat(http.body("/hello")).isEqualTo("v1");
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.total")).isZero();
		assertThat(JsonPath.<Integer>read(state, "$.generation")).isEqualTo(1);

		http.restartTo(2);
		// A forwarded loopback client is local too.
		assertThat(http.send("POST", "/actuator/reload", "X-Forwarded-For", "127.0.0.1").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"), (g) -> g == 3);
	}

}
