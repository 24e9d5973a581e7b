package dev.reloadhook.reload.restart;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a live generation is doing, as seen from outside: no reference to it is kept.
 *
 * @param generation the generation number
 * @param status what it is doing
 * @param inFlight the requests it is serving right now
 * @param closedAt when it was closed, for a closed one
 * @author reload-hook
 */
public record GenerationState(int generation, Status status, int inFlight, @Nullable Instant closedAt) {

	/**
	 * What a generation is doing.
	 */
	public enum Status {

		/** Starting beside the serving one. */
		STARTING,

		/** Serving requests. */
		SERVING,

		/** Replaced: draining its requests and closing. */
		RETIRING,

		/** Closed, but its class loader is still reachable. */
		CLOSED

	}

}
