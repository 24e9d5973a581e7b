package dev.reloadhook.serve;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The long-lived exchanges of a generation: streamed responses (server-sent events,
 * newline-delimited JSON) and WebSocket connections. They are not requests in flight: no
 * client ends them by itself, so a drain that waited for them would hold the old
 * generation until the drain timeout. They are ended when their generation is removed
 * from the server instead (the stream's response completed, the WebSocket closed with
 * 1001 "going away"), so that a client that reconnects reaches the new generation and
 * its code.
 *
 * @author reload-hook
 */
public final class LongLivedExchanges {

	private static final Log logger = LogFactory.getLog(LongLivedExchanges.class);

	/**
	 * Content types of responses that stream for as long as the server sends: Spring's
	 * streaming media types (server-sent events, newline-delimited JSON and its older
	 * name) and a motion-JPEG style replacing multipart.
	 */
	private static final List<String> STREAMS = List.of("text/event-stream", "application/x-ndjson",
			"application/stream+json", "multipart/x-mixed-replace");

	private final Set<Runnable> open = ConcurrentHashMap.newKeySet();

	private volatile boolean ended;

	/**
	 * Return whether a response of the given content type is a stream that only its
	 * generation's removal ends: server-sent events, newline-delimited JSON.
	 * @param contentType the response's content type
	 * @return whether it is a streaming content type
	 */
	public static boolean isStream(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		for (String stream : STREAMS) {
			if (contentType.regionMatches(true, 0, stream, 0, stream.length())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Add an exchange, ended at once if its generation has already been removed.
	 * @param end ends the exchange
	 * @return forgets the exchange, once it has ended by itself
	 */
	public Runnable add(Runnable end) {
		this.open.add(end);
		if (this.ended) {
			end(end);
		}
		return () -> this.open.remove(end);
	}

	/**
	 * End every exchange still open: the generation is being removed.
	 */
	public void endAll() {
		this.ended = true;
		for (Runnable end : List.copyOf(this.open)) {
			end(end);
		}
	}

	private void end(Runnable end) {
		if (!this.open.remove(end)) {
			return;
		}
		try {
			end.run();
		}
		catch (RuntimeException ex) {
			// It ended by itself meanwhile: nothing is left to end.
			logger.debug("A long-lived exchange could not be ended", ex);
		}
	}

	/**
	 * Return how many exchanges are open.
	 * @return the open exchange count
	 */
	public int count() {
		return this.open.size();
	}

}
