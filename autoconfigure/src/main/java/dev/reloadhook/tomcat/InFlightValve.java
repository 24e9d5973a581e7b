package dev.reloadhook.tomcat;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Counts the requests a generation's context is serving, so the generation can be drained
 * before it is closed.
 *
 * @author reload-hook
 */
final class InFlightValve extends ValveBase {

	private final Object monitor = new Object();

	private int inFlight;

	InFlightValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		synchronized (this.monitor) {
			this.inFlight++;
		}
		try {
			getNext().invoke(request, response);
		}
		finally {
			synchronized (this.monitor) {
				if (--this.inFlight == 0) {
					this.monitor.notifyAll();
				}
			}
		}
	}

	int inFlight() {
		synchronized (this.monitor) {
			return this.inFlight;
		}
	}

	boolean awaitIdle(Duration timeout) throws InterruptedException {
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
