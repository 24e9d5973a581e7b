package dev.reloadhook.reload.restart;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.reloadhook.reload.GenerationTraffic;

/**
 * Waiting for a replaced generation's requests in flight, up to the drain timeout: on the
 * reload's thread while no other reload waits, then, once one does, on a thread of its
 * own, so that a long poll never holds up the next change.
 *
 * @author reload-hook
 */
final class Drain {

	/** How often the reload's thread looks whether another reload waits for it. */
	private static final long FOLLOW_CHECK_NANOS = Duration.ofMillis(100).toNanos();

	private final GenerationTraffic traffic;

	private final long deadlineNanos;

	/**
	 * How a wait ended.
	 */
	enum Outcome {

		/** No request is in flight any more. */
		IDLE,

		/** The drain timeout passed with requests still in flight. */
		TIMED_OUT,

		/** Another reload waits: the rest of the drain is up to someone else. */
		FOLLOWED

	}

	Drain(GenerationTraffic traffic, Duration timeout) {
		this.traffic = traffic;
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
	}

	/**
	 * Wait until the generation is idle, the timeout passed, or another reload waits.
	 * @param followed whether another reload waits
	 * @return how the wait ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	Outcome await(BooleanSupplier followed) throws InterruptedException {
		while (true) {
			long remaining = this.deadlineNanos - System.nanoTime();
			if (remaining <= 0) {
				return (this.traffic.inFlight() == 0) ? Outcome.IDLE : Outcome.TIMED_OUT;
			}
			if (this.traffic.awaitIdle(Duration.ofNanos(Math.min(remaining, FOLLOW_CHECK_NANOS)))) {
				return Outcome.IDLE;
			}
			if (followed.getAsBoolean()) {
				return Outcome.FOLLOWED;
			}
		}
	}

	/**
	 * Wait for the rest of the drain timeout.
	 * @return whether the generation became idle in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitRest() throws InterruptedException {
		return this.traffic.awaitIdle(Duration.ofNanos(Math.max(0, this.deadlineNanos - System.nanoTime())));
	}

	/**
	 * Describe the requests still in flight, for the log ({@code 1 request}).
	 * @return the description
	 */
	String inFlight() {
		int requests = this.traffic.inFlight();
		return requests + ((requests == 1) ? " request" : " requests");
	}

}
