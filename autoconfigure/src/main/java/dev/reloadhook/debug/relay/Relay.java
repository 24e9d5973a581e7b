package dev.reloadhook.debug.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.reloadhook.debug.control.FromRelay;
import dev.reloadhook.debug.control.ToRelay;
import dev.reloadhook.debug.jdwp.JdwpConnection;
import org.jspecify.annotations.Nullable;

/**
 * Accepts one debugger at a time and relays it to the JDWP agent, and serves the
 * application's redefinition requests from the control channel.
 * <p>
 * Each connection must send its JDWP handshake within the handshake timeout, on a thread
 * of its own, before it may claim the session: an idle or garbage connection is closed
 * and never blocks a real debugger. A second debugger, while one is connected, is refused
 * the way the JDWP agent itself refuses one, at the handshake, but with a reason: it reads
 * {@link #REFUSAL} instead of {@code JDWP-Handshake} (a JDI debugger reports a failed
 * handshake) and the connection closes; the first debugger carries on.
 *
 * @author reload-hook
 */
final class Relay {

	/** What a second debugger reads instead of the JDWP handshake. */
	static final String REFUSAL = "JDWP-Refused: another debugger is attached through the reload-hook relay\n";

	private static final Duration AGENT_MOVE_TIMEOUT = Duration.ofSeconds(10);

	private final ServerSocket server;

	private final Duration handshakeTimeout;

	/**
	 * Where the JDWP agent listens. An agent started with port 0 listens on a new port
	 * after each debugger detaches; the application reports it ({@link ToRelay.AgentMoved}).
	 */
	private volatile InetSocketAddress agent;

	private final ControlChannel control;

	private final AtomicReference<@Nullable RelaySession> session = new AtomicReference<>();

	Relay(ServerSocket server, InetSocketAddress agent, ControlChannel control, Duration handshakeTimeout) {
		this.server = server;
		this.handshakeTimeout = handshakeTimeout;
		this.agent = agent;
		this.control = control;
	}

	/**
	 * Accept debuggers until the server socket closes.
	 */
	void acceptDebuggers() {
		while (true) {
			Socket socket;
			try {
				socket = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			Thread thread = new Thread(() -> serve(socket), "relay-from-debugger");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void serve(Socket socket) {
		String peer = String.valueOf(socket.getRemoteSocketAddress());
		JdwpConnection debugger;
		try {
			socket.setSoTimeout((int) this.handshakeTimeout.toMillis());
			debugger = new JdwpConnection(socket);
			debugger.readHandshake();
			socket.setSoTimeout(0);
		}
		catch (SocketTimeoutException ex) {
			this.control.warn("Debug relay closed a connection from " + peer + " that sent no JDWP handshake within "
					+ this.handshakeTimeout.toMillis() + " ms");
			close(socket);
			return;
		}
		catch (IOException ex) {
			this.control.warn("Debug relay closed a connection from " + peer + " that is not a JDWP debugger ("
					+ ex.getMessage() + ")");
			close(socket);
			return;
		}
		RelaySession started = new RelaySession(debugger, this.control);
		if (!this.session.compareAndSet(null, started)) {
			this.control.warn("Debug relay refused a second debugger from " + peer
					+ ": another debugger is attached through it; detach that one first");
			refuse(debugger);
			return;
		}
		try {
			InetSocketAddress agent = agent(null);
			try {
				started.connect(agent);
			}
			catch (ConnectException ex) {
				// The agent listens elsewhere since the last debugger left.
				started.connect(agent(agent));
			}
			started.run(() -> this.control.send(new FromRelay.Connected()));
		}
		catch (IOException | RuntimeException ex) {
			this.control.warn("Debug relay could not connect the debugger to the JDWP agent at " + this.agent
					+ ": " + ex.getMessage());
		}
		finally {
			started.close();
			this.session.set(null);
			this.control.send(new FromRelay.Disconnected());
		}
	}

	private static void refuse(JdwpConnection debugger) {
		try {
			debugger.writeText(REFUSAL);
		}
		catch (IOException ex) {
			// it went first
		}
		finally {
			debugger.close();
		}
	}

	/**
	 * Serve the application's requests until its end of the channel closes.
	 * @param input the relay's standard input
	 */
	void serveControl(InputStream input) {
		ToRelay.Handler handler = new ToRelay.Handler() {

			@Override
			public void redefine(ToRelay.Redefine request) {
				Relay.this.redefine(request);
			}

			@Override
			public void agentMoved(ToRelay.AgentMoved message) {
				Relay.this.agentMoved(message.port());
			}

		};
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII))) {
			String line;
			while ((line = reader.readLine()) != null) {
				try {
					ToRelay.parse(line).deliverTo(handler);
				}
				catch (IllegalArgumentException ex) {
					this.control.warn("Debug relay ignored a control message: " + ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			// the application ended
		}
	}

	private synchronized void agentMoved(int port) {
		this.agent = new InetSocketAddress(this.agent.getHostString(), port);
		notifyAll();
	}

	/**
	 * Return where the agent listens, waiting a little for its new address when the one
	 * known refused a connection.
	 */
	private synchronized InetSocketAddress agent(@Nullable InetSocketAddress refused) {
		long deadline = System.nanoTime() + AGENT_MOVE_TIMEOUT.toNanos();
		while (this.agent.equals(refused) && System.nanoTime() < deadline) {
			try {
				wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return this.agent;
	}

	private void redefine(ToRelay.Redefine request) {
		RelaySession current = this.session.get();
		if (current == null) {
			this.control.send(request.refused("no debugger is connected through the relay"));
			return;
		}
		current.redefine(request, this.control::send);
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// turned away anyway
		}
	}

}
