package dev.reloadhook.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.reloadhook.reload.hotswap.DebuggerRedefiner;
import dev.reloadhook.reload.restart.BaseContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The running debug relay process, seen from the application: its control channel (the
 * process's standard input and output, one line a message, see
 * {@code dev.reloadhook.debug.relay.ControlChannel}) and its log, forwarded to this
 * application's log.
 *
 * @author reload-hook
 */
public final class DebugRelay implements DebuggerRedefiner, AutoCloseable {

	private static final Log logger = LogFactory.getLog(DebugRelay.class);

	/**
	 * Long, as the relay waits for the JDWP agent, which may be slow on a loaded machine;
	 * a redefinition that takes longer is refused and the reload restarts instead.
	 */
	private static final long REDEFINE_TIMEOUT_SECONDS = 60;

	private final Process process;

	private final Writer input;

	private final CompletableFuture<String> started = new CompletableFuture<>();

	private final Map<String, CompletableFuture<@Nullable String>> redefinitions = new ConcurrentHashMap<>();

	private final AtomicLong tokens = new AtomicLong();

	private final Supplier<@Nullable Integer> agentPort;

	private volatile boolean debuggerConnected;

	DebugRelay(Process process, Supplier<@Nullable Integer> agentPort) {
		this.process = process;
		this.agentPort = agentPort;
		this.input = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
		BaseContext.newThread("reload-hook-debug-relay", true, this::readOutput).start();
	}

	/**
	 * Wait for the relay to listen.
	 * @return the address it listens on, {@code host:port}
	 * @throws IOException if it could not listen
	 */
	String awaitListening() throws IOException {
		try {
			return this.started.get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IOException(ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			throw new IOException("it did not start in 60 seconds");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted");
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				onLine(line);
			}
		}
		catch (IOException ex) {
			// the relay ended
		}
		this.debuggerConnected = false;
		this.started.completeExceptionally(new IOException("the relay process ended"));
		this.redefinitions.values().forEach((waiting) -> waiting.complete("the debug relay ended"));
	}

	private void onLine(String line) {
		String[] words = line.split(" ", 3);
		switch (words[0]) {
			case "listening" -> this.started.complete(words[1]);
			case "failed" -> this.started.completeExceptionally(new IOException(line.substring("failed ".length())));
			case "connected" -> connected(true);
			case "disconnected" -> connected(false);
			case "redefined" -> finish(words[1], null);
			case "refused" -> finish(words[1], (words.length > 2) ? words[2] : "refused");
			case "log" -> log(words[1], (words.length > 2) ? words[2] : "");
			default -> logger.debug("Debug relay: " + line);
		}
	}

	private void connected(boolean connected) {
		this.debuggerConnected = connected;
		if (!connected) {
			// An agent listening on port 0 listens on a new port once its debugger left:
			// tell the relay where.
			BaseContext.newThread("reload-hook-debug-relay-agent", true, this::sendAgentPort).start();
		}
		logger.info(connected ? "A debugger is connected through the debug relay: its breakpoints are kept across "
				+ "reloads, and hot swap stays on" : "The debugger disconnected from the debug relay");
	}

	private void sendAgentPort() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		Integer port = this.agentPort.get();
		while (port == null && System.nanoTime() < deadline) {
			// The agent publishes its new address once it listens again, within milliseconds.
			java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			port = this.agentPort.get();
		}
		if (port != null) {
			write("agent " + port + "\n");
		}
	}

	private void write(String line) {
		try {
			synchronized (this.input) {
				this.input.write(line);
				this.input.flush();
			}
		}
		catch (IOException ex) {
			// the relay ended
		}
	}

	private void finish(String token, @Nullable String failure) {
		CompletableFuture<@Nullable String> waiting = this.redefinitions.remove(token);
		if (waiting != null) {
			waiting.complete(failure);
		}
	}

	private static void log(String level, String message) {
		if ("WARN".equals(level)) {
			logger.warn(message);
		}
		else {
			logger.info(message);
		}
	}

	@Override
	public boolean isDebuggerConnected() {
		return this.debuggerConnected;
	}

	@Override
	public void redefine(int generation, Map<String, byte[]> classes) throws IOException {
		String token = Long.toString(this.tokens.incrementAndGet());
		StringBuilder line = new StringBuilder("redefine ").append(token).append(' ').append(generation);
		classes.forEach((name, bytes) -> line.append(' ').append(name).append('=')
			.append(Base64.getEncoder().encodeToString(bytes)));
		CompletableFuture<@Nullable String> done = new CompletableFuture<>();
		this.redefinitions.put(token, done);
		try {
			synchronized (this.input) {
				this.input.write(line.append('\n').toString());
				this.input.flush();
			}
			String failure = done.get(REDEFINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (failure != null) {
				throw new IOException(failure);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("no answer from the debug relay: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		finally {
			this.redefinitions.remove(token);
		}
	}

	/**
	 * Stop the relay process.
	 */
	@Override
	public void close() {
		this.process.destroy();
	}

}
