package dev.reloadhook.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A streamed response read line by line: a server-sent events stream as a browser's
 * {@code EventSource} reads it (without reconnecting), whose {@code data:} lines it
 * records, or newline-delimited JSON, whose lines it records; and how the stream ended.
 */
public final class EventStream implements AutoCloseable {

	private final Received received = new Received();

	private final Thread reader;

	private volatile Stream<String> lines;

	private final boolean events;

	private EventStream(int port, String path, String accept) {
		this.events = accept.equals("text/event-stream");
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", accept)
			.build();
		this.reader = new Thread(() -> read(client, request), "event-stream");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Open a server-sent events stream from the given path of a local server.
	 */
	public static EventStream open(int port, String path) {
		return new EventStream(port, path, "text/event-stream");
	}

	/**
	 * Open a newline-delimited JSON stream from the given path of a local server.
	 */
	public static EventStream openLines(int port, String path) {
		return new EventStream(port, path, "application/x-ndjson");
	}

	private void read(HttpClient client, HttpRequest request) {
		try {
			HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				this.received.ended("status " + response.statusCode());
				return;
			}
			this.lines = response.body();
			if (this.events) {
				this.lines.filter((line) -> line.startsWith("data:"))
					.map((line) -> line.substring(5).strip())
					.forEach(this.received::add);
			}
			else {
				this.lines.filter((line) -> !line.isBlank()).forEach(this.received::add);
			}
			this.received.ended("end of stream");
		}
		catch (Exception ex) {
			this.received.ended("error " + ex);
		}
	}

	/**
	 * Wait until the given event data (or line) has been received.
	 */
	public void awaitData(String expected) {
		this.received.awaitItem(expected);
	}

	/**
	 * Wait until the stream ended and return how: {@code end of stream} when the server
	 * completed the response, {@code error <exception>} otherwise.
	 */
	public String awaitEnd() {
		return this.received.awaitEnd();
	}

	@Override
	public void close() {
		Stream<String> lines = this.lines;
		if (lines != null) {
			lines.close();
		}
		this.reader.interrupt();
	}

}
