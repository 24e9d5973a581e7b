package dev.reloadhook.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * What a long-lived connection received (event data, WebSocket messages) and how it
 * ended: the part its clients share.
 */
final class Received {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<String> items = new CopyOnWriteArrayList<>();

	private final CompletableFuture<String> ended = new CompletableFuture<>();

	void add(String item) {
		this.items.add(item);
	}

	/** Record how the connection ended, unless an end was recorded already. */
	void ended(String how) {
		this.ended.complete(how);
	}

	boolean isEnded() {
		return this.ended.isDone();
	}

	/** Wait until the given item has been received. */
	void awaitItem(String expected) {
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> this.items.contains(expected));
	}

	/** Wait until the connection ended and return how. */
	String awaitEnd() {
		return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> this.ended.getNow(null),
				(end) -> end != null);
	}

}
