package dev.reloadhook.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.reloadhook.debug.control.FromRelay;
import dev.reloadhook.debug.control.ToRelay;
import dev.reloadhook.reload.hotswap.DebuggerRedefiner;
import dev.reloadhook.reload.restart.BaseContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The running debug relay process, seen from the application: its control channel (the
 * process's standard input and output, one {@link ToRelay} or {@link FromRelay} message a
 * line) and its log, forwarded to this application's log.
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

	private final Map<Long, CompletableFuture<FromRelay.Answer>> redefinitions = new ConcurrentHashMap<>();

	private final AtomicLong tokens = new AtomicLong();

	private final Supplier<@Nullable Integer> agentPort;

	private final FromRelay.Handler handler = new Messages();

	private volatile boolean debuggerConnected;

	DebugRelay(Process process, Supplier<@Nullable Integer> agentPort) {
		this.process = process;
		this.agentPort = agentPort;
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
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
			logger.debug("Debug relay's output ended: " + ex.getMessage());
		}
		this.debuggerConnected = false;
		this.started.completeExceptionally(new IOException("the relay process ended"));
		this.redefinitions.forEach((token, waiting) -> waiting.complete(new FromRelay.Refused(token, "the debug relay ended")));
	}

	private void onLine(String line) {
		FromRelay message;
		try {
			message = FromRelay.parse(line);
		}
		catch (IllegalArgumentException ex) {
			// Not a message: anything else the relay's JVM printed.
			logger.debug("Debug relay: " + line);
			return;
		}
		message.deliverTo(this.handler);
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
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			port = this.agentPort.get();
		}
		if (port == null) {
			logger.debug("Debug relay not told where the JDWP agent listens: it published no address in 10 seconds");
			return;
		}
		try {
			send(new ToRelay.AgentMoved(port));
		}
		catch (UncheckedIOException ex) {
			logger.debug("Debug relay not told where the JDWP agent listens: " + ex.getCause().getMessage());
		}
	}

	private void send(ToRelay message) throws UncheckedIOException {
		try {
			synchronized (this.input) {
				this.input.write(message.toLine());
				this.input.write('\n');
				this.input.flush();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public boolean isDebuggerConnected() {
		return this.debuggerConnected;
	}

	@Override
	public void redefine(int generation, Map<String, byte[]> classes) throws IOException {
		ToRelay.Redefine request = new ToRelay.Redefine(this.tokens.incrementAndGet(), generation, classes);
		CompletableFuture<FromRelay.Answer> done = new CompletableFuture<>();
		this.redefinitions.put(request.token(), done);
		try {
			send(request);
			FromRelay.Answer answer = done.get(REDEFINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (answer instanceof FromRelay.Refused refused) {
				throw new IOException(refused.reason().isEmpty() ? "refused by the debug relay" : refused.reason());
			}
		}
		catch (UncheckedIOException ex) {
			throw new IOException("the debug relay ended: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("no answer from the debug relay: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		finally {
			this.redefinitions.remove(request.token());
		}
	}

	/**
	 * Stop the relay process.
	 */
	@Override
	public void close() {
		this.process.destroy();
	}

	/**
	 * What each of the relay's messages does here.
	 */
	private final class Messages implements FromRelay.Handler {

		@Override
		public void listening(FromRelay.Listening message) {
			DebugRelay.this.started.complete(message.address());
		}

		@Override
		public void failed(FromRelay.Failed message) {
			DebugRelay.this.started.completeExceptionally(new IOException(message.reason()));
		}

		@Override
		public void connected(FromRelay.Connected message) {
			DebugRelay.this.connected(true);
		}

		@Override
		public void disconnected(FromRelay.Disconnected message) {
			DebugRelay.this.connected(false);
		}

		@Override
		public void answered(FromRelay.Answer answer) {
			CompletableFuture<FromRelay.Answer> waiting = DebugRelay.this.redefinitions.remove(answer.token());
			if (waiting != null) {
				waiting.complete(answer);
			}
		}

		@Override
		public void log(FromRelay.Log message) {
			if (message.level() == FromRelay.Level.WARN) {
				logger.warn(message.message());
			}
			else {
				logger.info(message.message());
			}
		}

	}

}
