package dev.reloadhook.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/**
 * A plain HTTP client for one application.
 */
public final class Http {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final int port;

	public Http(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public HttpResponse<String> post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Send a request with the given method and headers (name, value, name, value...).
	 */
	public HttpResponse<String> send(String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	public HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	public String body(String path) {
		HttpResponse<String> response = get(path);
		return (response.statusCode() == 200) ? response.body() : "HTTP " + response.statusCode();
	}

	/**
	 * Wait until no reload runs: a reload's record is complete only then, although its
	 * new code may already serve.
	 */
	public void awaitReloadFinished() {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> JsonPath.<String>read(body("/actuator/reload"), "$.state"), "idle"::equals);
	}

	/**
	 * Ask the reload endpoint for a restart and wait until the given generation serves.
	 */
	public void restartTo(int generation) {
		HttpResponse<String> response = post("/actuator/reload");
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"POST /actuator/reload answered " + response.statusCode() + ": " + response.body());
		}
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> JsonPath.<Integer>read(body("/actuator/reload"), "$.generation"),
					(served) -> served == generation);
	}

	/**
	 * Wait until no reload runs and return the record of the last reload that applied
	 * something: a file written again unchanged after it is recorded as a no-op.
	 */
	public Map<String, Object> lastAppliedReload() {
		awaitReloadFinished();
		List<Map<String, Object>> applied = JsonPath.read(body("/actuator/reload"),
				"$.history[?(@.tier != 'no-op')]");
		return applied.get(applied.size() - 1);
	}

	/**
	 * Return what a live generation is doing ({@code starting}, {@code serving},
	 * {@code retiring}, {@code closed}), or {@code gone} once it is collected.
	 */
	public String generationStatus(int generation) {
		List<String> status = JsonPath.read(body("/actuator/reload"),
				"$.generations[?(@.generation == " + generation + ")].status");
		return status.isEmpty() ? "gone" : status.get(0);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
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

}
