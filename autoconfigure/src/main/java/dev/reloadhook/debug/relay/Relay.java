package dev.reloadhook.debug.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Accepts one debugger at a time and relays it to the JDWP agent (a second one is turned
 * away, as the agent itself would), and serves the application's redefinition requests
 * from the control channel.
 *
 * @author reload-hook
 */
final class Relay {

	private final ServerSocket server;

	private final InetSocketAddress agent;

	private final ControlChannel control;

	private final AtomicReference<@Nullable RelaySession> session = new AtomicReference<>();

	Relay(ServerSocket server, InetSocketAddress agent, ControlChannel control) {
		this.server = server;
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
			if (this.session.get() != null) {
				close(socket);
				continue;
			}
			startSession(socket);
		}
	}

	private void startSession(Socket socket) {
		RelaySession started;
		try {
			started = new RelaySession(socket, this.agent, this.control);
		}
		catch (IOException ex) {
			close(socket);
			return;
		}
		this.session.set(started);
		Thread thread = new Thread(() -> {
			try {
				started.run(() -> this.control.send("connected"));
			}
			catch (IOException ex) {
				this.control.warn("Debug relay could not connect the debugger to the JDWP agent at " + this.agent
						+ ": " + ex.getMessage());
			}
			finally {
				this.session.set(null);
				this.control.send("disconnected");
			}
		}, "relay-from-debugger");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Serve the application's requests until its end of the channel closes.
	 * @param input the relay's standard input
	 */
	void serveControl(InputStream input) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("redefine ")) {
					redefine(line.split(" "));
				}
			}
		}
		catch (IOException ex) {
			// the application ended
		}
	}

	private void redefine(String[] words) {
		String token = words[1];
		int generation = Integer.parseInt(words[2]);
		Map<String, byte[]> classes = new LinkedHashMap<>();
		for (int i = 3; i < words.length; i++) {
			int equals = words[i].indexOf('=');
			classes.put(words[i].substring(0, equals), Base64.getDecoder().decode(words[i].substring(equals + 1)));
		}
		RelaySession current = this.session.get();
		if (current == null) {
			this.control.send("refused " + token + " no debugger is connected through the relay");
			return;
		}
		current.redefine(generation, classes,
				(failure) -> this.control.send((failure != null) ? "refused " + token + " " + failure : "redefined " + token));
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
