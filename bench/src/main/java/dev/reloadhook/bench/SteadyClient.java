package dev.reloadhook.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.reloadhook.testsupport.RawHttp;

/**
 * One client thread that starts a request every {@code interval} (or right after the
 * previous one if that took longer) over a keep-alive connection, reconnecting when the
 * connection is lost, and records every attempt: start, end, outcome. Bounded in count
 * and time; stops by itself.
 */
final class SteadyClient implements AutoCloseable {

	static final byte OK = 0;

	/** Connection refused or connect timeout: nothing was listening. */
	static final byte REFUSED = 1;

	static final byte SERVER_ERROR = 2;

	/** Another status than 200 or 5xx. */
	static final byte OTHER_STATUS = 3;

	/** Reset, EOF or read timeout on an established connection. */
	static final byte BROKEN = 4;

	private final int port;

	private final String path;

	private final long intervalNanos;

	private final long deadline;

	private final long[] starts;

	private final long[] ends;

	private final byte[] outcomes;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	private volatile Expectation expectation;

	private int count;

	private long connections;

	SteadyClient(int port, String path, long intervalMillis, int maxRequests, long maxMillis) {
		this.port = port;
		this.path = path;
		this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
		this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
		this.starts = new long[maxRequests];
		this.ends = new long[maxRequests];
		this.outcomes = new byte[maxRequests];
		this.thread = new Thread(this::run, "bench-steady-client");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Watch the responses for a body that contains {@code marker}: call before making the
	 * change that should produce it.
	 */
	Expectation expect(String marker) {
		Expectation expectation = new Expectation(marker);
		this.expectation = expectation;
		return expectation;
	}

	private void run() {
		Socket socket = null;
		InputStream in = null;
		long next = System.nanoTime();
		while (this.running.get() && this.count < this.starts.length && System.nanoTime() < this.deadline) {
			long now;
			while ((now = System.nanoTime()) < next) {
				LockSupport.parkNanos(next - now);
			}
			next = Math.max(next + this.intervalNanos, now);
			int i = this.count;
			this.starts[i] = now;
			byte outcome;
			String body = null;
			try {
				if (socket == null) {
					socket = RawHttp.connect(this.port, 2_000, 30_000);
					in = new BufferedInputStream(socket.getInputStream());
					this.connections++;
				}
			}
			catch (IOException ex) {
				record(i, REFUSED);
				continue;
			}
			try {
				RawHttp.Response response = RawHttp.get(socket, in, this.path);
				if (response.status() == 200) {
					outcome = OK;
					body = response.body();
				}
				else {
					outcome = (response.status() >= 500) ? SERVER_ERROR : OTHER_STATUS;
				}
				if (response.close()) {
					RawHttp.closeQuietly(socket);
					socket = null;
				}
			}
			catch (IOException ex) {
				outcome = (ex instanceof ConnectException) ? REFUSED : BROKEN;
				RawHttp.closeQuietly(socket);
				socket = null;
			}
			long end = record(i, outcome);
			Expectation expectation = this.expectation;
			if (body != null && expectation != null && expectation.seenNanos == 0 && body.contains(expectation.marker)) {
				expectation.seen(end);
			}
		}
		RawHttp.closeQuietly(socket);
	}

	private long record(int i, byte outcome) {
		long end = System.nanoTime();
		this.ends[i] = end;
		this.outcomes[i] = outcome;
		this.count = i + 1;
		return end;
	}

	/**
	 * Stop and return what was recorded.
	 */
	Recording stop() throws InterruptedException {
		this.running.set(false);
		LockSupport.unpark(this.thread);
		this.thread.join(TimeUnit.SECONDS.toMillis(60));
		if (this.thread.isAlive()) {
			throw new IllegalStateException("The steady client did not stop");
		}
		int n = this.count;
		return new Recording(java.util.Arrays.copyOf(this.starts, n), java.util.Arrays.copyOf(this.ends, n),
				java.util.Arrays.copyOf(this.outcomes, n), this.connections);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.thread.isAlive()) {
			stop();
		}
	}

	/**
	 * Every attempt, in order.
	 *
	 * @param starts when each attempt started ({@link System#nanoTime()})
	 * @param ends when each attempt ended
	 * @param outcomes each attempt's outcome
	 * @param connections connections opened
	 */
	record Recording(long[] starts, long[] ends, byte[] outcomes, long connections) {

		int size() {
			return this.starts.length;
		}

	}

	/**
	 * Waits for the first response that shows a change.
	 */
	static final class Expectation {

		private final String marker;

		private final CountDownLatch latch = new CountDownLatch(1);

		private volatile long seenNanos;

		private Expectation(String marker) {
			this.marker = marker;
		}

		private void seen(long nanos) {
			this.seenNanos = nanos;
			this.latch.countDown();
		}

		/**
		 * @return when the first response with the marker ended, or 0 if none came in time
		 */
		long await(long timeoutMillis) throws InterruptedException {
			this.latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
			return this.seenNanos;
		}

	}

}
