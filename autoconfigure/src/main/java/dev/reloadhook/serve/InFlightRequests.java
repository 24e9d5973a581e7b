package dev.reloadhook.serve;

import java.time.Duration;

/**
 * Counts the requests a generation is serving, so that it can be drained before it is
 * closed.
 *
 * @author reload-hook
 */
public final class InFlightRequests {

	private final Object monitor = new Object();

	private int inFlight;

	/**
	 * Note that a request has started.
	 */
	public void begin() {
		synchronized (this.monitor) {
			this.inFlight++;
		}
	}

	/**
	 * Note that a request has ended.
	 */
	public void end() {
		synchronized (this.monitor) {
			if (--this.inFlight == 0) {
				this.monitor.notifyAll();
			}
		}
	}

	/**
	 * Return how many requests are being served.
	 * @return the in-flight request count
	 */
	public int count() {
		synchronized (this.monitor) {
			return this.inFlight;
		}
	}

	/**
	 * Wait until no request is being served.
	 * @param timeout the longest time to wait
	 * @return whether it became idle in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.inFlight > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.monitor.wait(Math.max(1, remaining / 1_000_000));
			}
			return true;
		}
	}

}
