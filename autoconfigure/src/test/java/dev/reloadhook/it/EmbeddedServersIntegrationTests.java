package dev.reloadhook.it;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RawHttp;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same application on each embedded server reload-hook keeps across generations
 * (Tomcat and Jetty with Spring MVC, Reactor Netty with WebFlux), started in its own JVM
 * and changed with {@code javax.tools} while clients keep sending requests.
 */
class EmbeddedServersIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	/** Body-only changes would be hot-swapped: these tests are about generation restarts. */
	private static final String RESTARTS_ONLY = "--reload-hook.hotswap.enabled=false";

	@ParameterizedTest
	@EnumSource(Server.class)
	void keepsThePortAndServesEveryRequestAcrossTwentyRestarts(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, server, RESTARTS_ONLY);
		int port = this.application.awaitPort();
		assertThat(http.body("/hello")).isEqualTo("v1");
		try (SteadyClient client = new SteadyClient(port, "/hello", 2)) {
			for (int version = 2; version <= 21; version++) {
				String answer = "v" + version;
				project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
				awaitAnswer(http, answer);
			}
			client.close();
			assertThat(client.refused()).as("refused connections: %s", client.failures()).isZero();
			assertThat(client.broken()).as("broken connections: %s", client.failures()).isZero();
			assertThat(client.serverErrors()).as("5xx: %s", client.failures()).isZero();
			assertThat(client.otherStatus()).as("other status: %s", client.failures()).isZero();
			assertThat(client.ok()).isGreaterThan(40);
			assertThat(client.bodies().keySet()).allMatch((body) -> body.matches("v([1-9]|1[0-9]|2[01])"));
			// Far fewer connections than requests: keep-alive connections survived the
			// restarts (Tomcat closes one after 100 requests, the others never do).
			assertThat(client.connections()).isLessThan(client.ok() / 50 + 3);
		}
		http.awaitReloadFinished();
		assertThat(this.application.lines("Generation \\d+ serving in")).hasSize(21);
		assertThat(this.application.lines("Reload failed")).isEmpty();
		assertThat(this.application.lines("The port closes during every reload")).isEmpty();
		// Every replaced generation can be collected, the first one (which created the
		// server) included: nothing the server keeps for the life of the JVM holds one.
		awaitOnlyTheServingGenerationLive(http);
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void anIdleKeepAliveConnectionDoesNotHoldTheGenerationThatAnsweredIt(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// Idle connections stay open far longer than the test waits, on every server.
		Http http = start(project, server, RESTARTS_ONLY, "--server.jetty.connection-idle-timeout=10m",
				"--server.tomcat.keep-alive-timeout=10m", "--server.tomcat.connection-timeout=10m",
				"--server.netty.idle-timeout=10m");
		try (Socket idle = RawHttp.connect(this.application.awaitPort(), 5_000, 60_000)) {
			InputStream in = new BufferedInputStream(idle.getInputStream());
			assertThat(RawHttp.get(idle, in, "/hello").body()).isEqualTo("v1");
			project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
			awaitAnswer(http, "v2");
			http.awaitReloadFinished();
			awaitOnlyTheServingGenerationLive(http);
			// The connection was open all along, and the next generation answers it.
			RawHttp.Response next = RawHttp.get(idle, in, "/hello");
			assertThat(next.body()).isEqualTo("v2");
			assertThat(next.close()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void generationThatFailsToStartLeavesTheOldOneServing(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, server);
		int port = this.application.awaitPort();
		project.recompile("app.Broken", TestApp.component("Broken", "throw new IllegalStateException(\"boom\");"));
		String failure = this.application.awaitLine("Reload failed: generation 2");
		assertThat(failure).contains("generation 1 keeps serving").contains("IllegalStateException: boom");
		assertThat(http.body("/hello")).isEqualTo("v1");
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation")).isEqualTo(1);
		Files.delete(project.classFile("app.Broken"));
		project.recompile(TestApp.CONTROLLER, TestApp.controller("fixed"));
		awaitAnswer(http, "fixed");
		assertThat(new Http(port).body("/hello")).isEqualTo("fixed");
	}

	@Test
	void threadsThatBeansStopWhenDestroyedAreGoneBeforeTomcatLooksForThreadsLeftRunning() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// As Spring Session's JDBC repository does: a filter's dependency, created while
		// Tomcat starts the generation's context, runs a scheduler that it stops when the
		// context destroys it.
		project.source("app.Cleanup", """
				package app;

				import java.util.concurrent.Executors;
				import java.util.concurrent.ScheduledExecutorService;
				import java.util.concurrent.TimeUnit;

				import org.springframework.beans.factory.DisposableBean;
				import org.springframework.stereotype.Component;

				@Component
				public class Cleanup implements DisposableBean {

					private final ScheduledExecutorService scheduler = Executors
						.newSingleThreadScheduledExecutor((task) -> new Thread(task, "app-cleanup"));

					public Cleanup() {
						this.scheduler.scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.HOURS);
					}

					@Override
					public void destroy() throws InterruptedException {
						this.scheduler.shutdownNow();
						this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
					}

				}
				""");
		project.source("app.CleanupFilter", """
				package app;

				import java.io.IOException;

				import jakarta.servlet.FilterChain;
				import jakarta.servlet.ServletException;
				import jakarta.servlet.http.HttpServletRequest;
				import jakarta.servlet.http.HttpServletResponse;

				import org.springframework.stereotype.Component;
				import org.springframework.web.filter.OncePerRequestFilter;

				@Component
				public class CleanupFilter extends OncePerRequestFilter {

					public CleanupFilter(Cleanup cleanup) {
					}

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						chain.doFilter(request, response);
					}

				}
				""");
		project.compileAll();
		Http http = start(project, Server.TOMCAT, RESTARTS_ONLY);
		assertThat(http.body("/hello")).isEqualTo("v1");
		for (String answer : List.of("v2", "v3")) {
			project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
			awaitAnswer(http, answer);
		}
		this.application.awaitLines("Generation \\d+ serving in", 3);
		assertThat(this.application.lines("Reload failed")).isEmpty();
		assertThat(this.application.lines("appears to have started a thread named \\[app-cleanup\\]")).isEmpty();
		awaitOnlyTheServingGenerationLive(http);
	}

	@Test
	void webFluxApplicationHasTheDashboardTheEndpointAndHotSwap() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = start(project, Server.NETTY);
		HttpResponse<String> page = http.get("/reload-hook");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(page.body()).contains("/actuator/reload").doesNotContain("{{reloadEndpoint}}");
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation")).isEqualTo(1);
		assertThat(http.get("/actuator/reload/history").statusCode()).isEqualTo(200);
		project.recompile(TestApp.CONTROLLER, TestApp.controller("swapped"));
		awaitAnswer(http, "swapped");
		assertThat(this.application.awaitLine("Generation 1 hot-swapped")).contains("HelloController");
		assertThat(JsonPath.<String>read(http.body("/actuator/reload"), "$.last.tier")).isEqualTo("hotswap");
	}

	@Test
	void ownWebServerFactoryStopsBeforeTheNextGenerationStartsAndTheLogSaysWhyOnce() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.recompile("app.OwnServer", """
				package app;

				@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
				public class OwnServer {

					@org.springframework.context.annotation.Bean
					org.springframework.boot.jetty.servlet.JettyServletWebServerFactory ownFactory() {
						return new org.springframework.boot.jetty.servlet.JettyServletWebServerFactory();
					}

				}
				""");
		int port = freePort();
		Http http = start(project, Server.JETTY, "--server.port=" + port, RESTARTS_ONLY);
		servesTwoRestarts(project, http);
		assertThat(this.application.lines("The port closes during every reload")).singleElement()
			.asString()
			.contains("'ownFactory' (org.springframework.boot.jetty.servlet.JettyServletWebServerFactory)");
	}

	@Test
	void webFluxOnTomcatRestartsAndTheLogSaysWhyThePortClosesOnce() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// Each generation starts a server of its own: a fixed port, for them all.
		int port = freePort();
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.webFluxOnTomcat(), List.of(), TestApp.MAIN,
				"--server.port=" + port, RESTARTS_ONLY);
		Http http = new Http(this.application.awaitPort());
		servesTwoRestarts(project, http);
		assertThat(this.application.lines("The port closes during every reload")).singleElement()
			.asString()
			.contains("because WebFlux runs on 'tomcatReactiveWebServerFactory' "
					+ "(org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory): reload-hook keeps "
					+ "the server across reloads for WebFlux on Reactor Netty")
			.doesNotContain("of its own");
	}

	private Http start(SourceProject project, Server server, String... args) throws Exception {
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(server), List.of(), TestApp.MAIN,
				args);
		return new Http(this.application.awaitPort());
	}

	/** Two restarts, each served: for applications whose port closes during a reload. */
	private void servesTwoRestarts(SourceProject project, Http http) throws Exception {
		assertThat(http.body("/hello")).isEqualTo("v1");
		for (String answer : List.of("v2", "v3")) {
			project.recompile(TestApp.CONTROLLER, TestApp.controller(answer));
			awaitAnswer(http, answer);
		}
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	private void awaitOnlyTheServingGenerationLive(Http http) {
		await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live == 1);
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
