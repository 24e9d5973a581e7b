package dev.reloadhook.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send requests one after another over persistent (keep-alive) connections
 * until stopped, bounded in time and count, and record every outcome: a connection the
 * server closed without announcing it counts as a failure.
 */
public final class SteadyClient implements AutoCloseable {

	private static final long MAX_REQUESTS_PER_CLIENT = 200_000;

	private static final Duration MAX_DURATION = Duration.ofMinutes(5);

	private final int port;

	private final String path;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> threads = new ArrayList<>();

	private final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();

	private final AtomicLong ok = new AtomicLong();

	private final AtomicLong serverErrors = new AtomicLong();

	private final AtomicLong otherStatus = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong broken = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** When each successful request started, in epoch nanoseconds. */
	private final List<Long> okStarts = java.util.Collections.synchronizedList(new ArrayList<>());

	public SteadyClient(int port, String path, int clients) {
		this.port = port;
		this.path = path;
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(this::run, "steady-client-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void run() {
		long deadline = System.nanoTime() + MAX_DURATION.toNanos();
		long sent = 0;
		Socket socket = null;
		InputStream in = null;
		while (this.running.get() && sent < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline) {
			try {
				if (socket == null) {
					socket = connect();
					if (socket == null) {
						continue;
					}
					in = new BufferedInputStream(socket.getInputStream());
				}
				sent++;
				if (!exchange(socket, in)) {
					socket.close();
					socket = null;
				}
			}
			catch (IOException ex) {
				this.broken.incrementAndGet();
				this.failures.add(ex.toString());
				RawHttp.closeQuietly(socket);
				socket = null;
			}
		}
		RawHttp.closeQuietly(socket);
	}

	private Socket connect() {
		try {
			Socket socket = RawHttp.connect(this.port, 10_000, 60_000);
			this.connections.incrementAndGet();
			return socket;
		}
		catch (IOException ex) {
			this.refused.incrementAndGet();
			this.failures.add("connect: " + ex);
			return null;
		}
	}

	/**
	 * Send one request and read its response.
	 * @return whether the connection may be used again
	 */
	private boolean exchange(Socket socket, InputStream in) throws IOException {
		long start = epochNanos(Instant.now());
		RawHttp.Response response = RawHttp.get(socket, in, this.path);
		if (response.status() == 200) {
			this.ok.incrementAndGet();
			this.okStarts.add(start);
			this.bodies.computeIfAbsent(response.body(), (key) -> new AtomicLong()).incrementAndGet();
		}
		else if (response.status() >= 500) {
			this.serverErrors.incrementAndGet();
			this.failures.add(response.status() + " " + response.body());
		}
		else {
			this.otherStatus.incrementAndGet();
			this.failures.add(response.status() + " " + response.body());
		}
		return !response.close();
	}

	public long ok() {
		return this.ok.get();
	}

	public long serverErrors() {
		return this.serverErrors.get();
	}

	public long otherStatus() {
		return this.otherStatus.get();
	}

	public long refused() {
		return this.refused.get();
	}

	public long broken() {
		return this.broken.get();
	}

	public long connections() {
		return this.connections.get();
	}

	public Map<String, Long> bodies() {
		Map<String, Long> copy = new java.util.TreeMap<>();
		this.bodies.forEach((body, count) -> copy.put(body, count.get()));
		return copy;
	}

	public List<String> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Return the given reload windows that this client did not run through: those
	 * without a successful request started before the window opened and another started
	 * after it closed.
	 */
	public List<ReloadWindow> notRunThrough(List<ReloadWindow> windows) {
		long[] starts;
		synchronized (this.okStarts) {
			starts = this.okStarts.stream().mapToLong(Long::longValue).toArray();
		}
		return windows.stream()
			.filter((window) -> Arrays.stream(starts).noneMatch((start) -> start < epochNanos(window.start()))
					|| Arrays.stream(starts).noneMatch((start) -> start > epochNanos(window.latestEnd())))
			.toList();
	}

	/**
	 * Wait until the client has had a successful response, so that it provably runs
	 * before what the test does next.
	 */
	public SteadyClient awaitRunning() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> ok() > 0);
		return this;
	}

	/**
	 * Wait until this client has run through every given reload window (see
	 * {@link #notRunThrough}), and fail if it does not.
	 */
	public void awaitRanThrough(List<ReloadWindow> windows) {
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> notRunThrough(windows).isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("The client did not run through the reloads " + notRunThrough(windows)
					+ " (it stops on its own after " + MAX_DURATION + " or " + MAX_REQUESTS_PER_CLIENT
					+ " requests per thread)", ex);
		}
	}

	/**
	 * Assert that no connection was refused or broken and that every response was a 200.
	 */
	public void assertNothingFailed() {
		assertThat(refused()).as("refused connections: %s", firstFailures()).isZero();
		assertThat(broken()).as("broken connections: %s", firstFailures()).isZero();
		assertThat(serverErrors()).as("5xx: %s", firstFailures()).isZero();
		assertThat(otherStatus()).as("other status: %s", firstFailures()).isZero();
		assertThat(ok()).isPositive();
	}

	private String firstFailures() {
		List<String> failures = failures();
		return failures.stream().limit(5).toList() + ((failures.size() > 5) ? " and " + (failures.size() - 5) + " more" : "");
	}

	private static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(Duration.ofSeconds(70).toMillis());
		}
	}

}
