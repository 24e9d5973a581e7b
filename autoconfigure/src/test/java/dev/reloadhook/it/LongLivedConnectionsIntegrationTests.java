package dev.reloadhook.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.EventStream;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.StreamingApp;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
import dev.reloadhook.testsupport.WebSocketConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long-lived connections across a generation restart, on each embedded server: a
 * WebSocket, a server-sent events stream and a newline-delimited JSON stream opened on the
 * old generation neither hold up its drain nor keep it alive; they end cleanly when it
 * closes (close status 1001, or the stream's response completed), and the client that
 * reconnects gets the new code. A slow
 * ordinary request, synchronous or asynchronous, still finishes on the old generation.
 */
class LongLivedConnectionsIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	@ParameterizedTest
	@EnumSource(Server.class)
	void webSocketAndEventStreamEndWhenTheirGenerationClosesAndReconnectToTheNewOne(Server server)
			throws Exception {
		SourceProject project = TestApp.create(this.temp);
		String classPath = project.classes() + File.pathSeparator + TestClassPath.asString(server);
		if (server != Server.NETTY) {
			for (Path jar : AppLibraries.jars("websocket")) {
				project.library(jar);
			}
			classPath += File.pathSeparator
					+ AppLibraries.jars("websocket").stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
		}
		project.recompile(StreamingApp.CLASS, StreamingApp.source(server, "v1"));
		// A drain that waited for the long-lived connections would outlast the test; the
		// class files of one compilation are one reload even on a loaded machine.
		this.application = RunningApplication.start(classPath, List.of(), TestApp.MAIN,
				"--reload-hook.hotswap.enabled=false", "--reload-hook.restart.drain-timeout=10m",
				"--reload-hook.watch.quiet-period=500ms");
		int port = this.application.awaitPort();
		Http http = new Http(port);
		assertThat(http.body("/version")).isEqualTo("v1");

		try (WebSocketConnection oldSocket = WebSocketConnection.open(port, "/ws");
				EventStream oldStream = EventStream.open(port, "/events");
				EventStream oldLines = EventStream.openLines(port, "/lines")) {
			awaitServedBy("v1", oldSocket, oldStream, oldLines);
			Path release = this.temp.resolve("release");
			Path releaseAsync = this.temp.resolve("release-async");
			CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> http.body("/held?until=" + release));
			CompletableFuture<String> heldAsync = CompletableFuture
				.supplyAsync(() -> http.body("/held-async?until=" + releaseAsync));
			await().atMost(RELOAD_TIMEOUT).until(() -> Files.exists(Path.of(release + ".started"))
					&& Files.exists(Path.of(releaseAsync + ".started")));

			project.recompile(StreamingApp.CLASS, StreamingApp.source(server, "v2"));
			await().atMost(RELOAD_TIMEOUT).ignoreExceptions().until(() -> http.body("/version"), "v2"::equals);
			// The old generation drains its ordinary requests, an asynchronous one too.
			assertThat(held).isNotDone();
			assertThat(heldAsync).isNotDone();
			Files.createFile(release);
			Files.createFile(releaseAsync);
			assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo("held-v1");
			assertThat(heldAsync.get(60, TimeUnit.SECONDS)).isEqualTo("held-v1");
			assertThat(http.lastAppliedReload()).containsEntry("heldRequests", 2);

			assertThat(oldSocket.awaitEnd()).startsWith("close 1001");
			assertThat(oldStream.awaitEnd()).isEqualTo("end of stream");
			assertThat(oldLines.awaitEnd()).isEqualTo("end of stream");
		}

		try (WebSocketConnection socket = WebSocketConnection.open(port, "/ws");
				EventStream stream = EventStream.open(port, "/events");
				EventStream lines = EventStream.openLines(port, "/lines")) {
			awaitServedBy("v2", socket, stream, lines);
		}
		assertThat(this.application.lines("Generation 2 serving in")).hasSize(1);
		assertThat(this.application.lines("still had|did not close|Reload failed")).isEmpty();
		assertThat(this.application.lines(" ERROR |^\\s+at ")).isEmpty();
		// Nothing of the connections keeps the old generation alive.
		await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live == 1);
	}

	/** Wait until each connection shows the given version of the application's code. */
	private static void awaitServedBy(String version, WebSocketConnection socket, EventStream stream,
			EventStream lines) throws Exception {
		socket.awaitMessage("hello-" + version);
		socket.send("ping");
		socket.awaitMessage(version + ":ping");
		stream.awaitData(version);
		lines.awaitData("{\"v\":\"" + version + "\"}");
	}

}
