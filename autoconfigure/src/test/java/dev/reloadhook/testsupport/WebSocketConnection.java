package dev.reloadhook.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client connection (the JDK's) that records the text messages it receives
 * and how the connection ended.
 */
public final class WebSocketConnection implements AutoCloseable {

	private static final Duration TIMEOUT = Received.TIMEOUT;

	private final Received received = new Received();

	private final WebSocket socket;

	private WebSocketConnection(int port, String path) throws Exception {
		this.socket = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.build()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Recorder())
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Open a connection to the given path of a local server.
	 */
	public static WebSocketConnection open(int port, String path) throws Exception {
		return new WebSocketConnection(port, path);
	}

	public void send(String text) throws Exception {
		this.socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Wait until the given message has been received.
	 */
	public void awaitMessage(String message) {
		this.received.awaitItem(message);
	}

	/**
	 * Wait until the server ended the connection and return how: {@code close <status>
	 * <reason>} for a close frame, {@code error <exception>} for a connection dropped
	 * without one.
	 */
	public String awaitEnd() {
		return this.received.awaitEnd();
	}

	@Override
	public void close() {
		if (!this.received.isEnded() && !this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> null);
		}
		this.socket.abort();
	}

	private final class Recorder implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				WebSocketConnection.this.received.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebSocketConnection.this.received.ended("close " + statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebSocketConnection.this.received.ended("error " + error);
		}

	}

}
