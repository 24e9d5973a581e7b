package dev.reloadhook.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
		while (this.running.get() && sent < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline) {
			try {
				if (socket == null) {
					socket = connect();
				}
				if (socket == null) {
					continue;
				}
				sent++;
				if (!exchange(socket)) {
					socket.close();
					socket = null;
				}
			}
			catch (IOException ex) {
				this.broken.incrementAndGet();
				this.failures.add(ex.toString());
				closeQuietly(socket);
				socket = null;
			}
		}
		closeQuietly(socket);
	}

	private Socket connect() {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(60_000);
			this.connections.incrementAndGet();
			return socket;
		}
		catch (IOException ex) {
			this.refused.incrementAndGet();
			this.failures.add("connect: " + ex);
			closeQuietly(socket);
			return null;
		}
	}

	/**
	 * Send one request and read its response.
	 * @return whether the connection may be used again
	 */
	private boolean exchange(Socket socket) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + this.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = new BufferedInputStream(socket.getInputStream());
		String status = readLine(in);
		if (status == null) {
			throw new IOException("connection closed by the server without a response");
		}
		int length = -1;
		boolean close = false;
		boolean chunked = false;
		String header;
		while ((header = readLine(in)) != null && !header.isEmpty()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Integer.parseInt(lower.substring(15).trim());
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		String body = chunked ? readChunked(in) : new String(in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8);
		int code = Integer.parseInt(status.split(" ")[1]);
		if (code == 200) {
			this.ok.incrementAndGet();
			this.bodies.computeIfAbsent(body, (key) -> new AtomicLong()).incrementAndGet();
		}
		else if (code >= 500) {
			this.serverErrors.incrementAndGet();
			this.failures.add(status + " " + body);
		}
		else {
			this.otherStatus.incrementAndGet();
			this.failures.add(status + " " + body);
		}
		return !close;
	}

	private static String readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = readLine(in);
			if (size == null) {
				throw new IOException("connection closed in a chunked body");
			}
			int length = Integer.parseInt(size.trim(), 16);
			if (length == 0) {
				readLine(in);
				return body.toString(StandardCharsets.UTF_8);
			}
			body.write(in.readNBytes(length));
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.US_ASCII);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.US_ASCII) : null;
	}

	private static void closeQuietly(Socket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// ignore
			}
		}
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

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(Duration.ofSeconds(70).toMillis());
		}
	}

}
