package dev.reloadhook.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo service, run as a developer runs it (from its class directory, reload-hook
 * active), leaves nothing behind across 50 reloads: every closed generation is collected
 * and no leak suspect is reported.
 */
class DemoReloadLeakIntegrationTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final HttpClient client = HttpClient.newHttpClient();

	private final Queue<String> output = new ConcurrentLinkedQueue<>();

	private Process process;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			this.process.waitFor();
		}
	}

	@Test
	void fiftyReloadsLeaveNoLeakSuspectAndEveryClosedGenerationIsCollected() throws Exception {
		int port = start();
		for (int i = 1; i <= 50; i++) {
			int next = i + 1;
			assertThat(send(port, HttpRequest.newBuilder(uri(port, "/actuator/reload"))
				.POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> reloadState(port), (state) -> JsonPath.<Integer>read(state, "$.generation") == next
						&& "idle".equals(JsonPath.read(state, "$.state")));
			assertThat(body(port, "/api/items")).startsWith("[");
		}
		// Leak detection collects once reloads are quiet: only a leak keeps a generation.
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> JsonPath.<Integer>read(reloadState(port), "$.liveGenerations"), (live) -> live == 1);
		String state = reloadState(port);
		assertThat(JsonPath.<List<Object>>read(state, "$.leaks")).isEmpty();
		assertThat(JsonPath.<Integer>read(state, "$.reloads.failed")).isZero();
		assertThat(this.output).noneMatch((line) -> line.contains("Leak suspect"));
	}

	private int start() throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String appClassPath = String.join(File.pathSeparator, Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank() && !entry.endsWith("test-classes"))
			.toList());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", appClassPath,
				DemoApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off",
				"--reload-hook.leaks.quiet-period=200ms")
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(this::read, "demo-output");
		reader.setDaemon(true);
		reader.start();
		return await().atMost(Duration.ofSeconds(120))
			.until(() -> this.output.stream()
				.map(PORT::matcher)
				.filter(Matcher::find)
				.map((matcher) -> Integer.parseInt(matcher.group(1)))
				.findFirst()
				.orElse(null), (found) -> found != null);
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	private String reloadState(int port) {
		return body(port, "/actuator/reload");
	}

	private String body(int port, String path) {
		return send(port, HttpRequest.newBuilder(uri(port, path)).GET()).body();
	}

	private HttpResponse<String> send(int port, HttpRequest.Builder request) {
		try {
			return this.client.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
