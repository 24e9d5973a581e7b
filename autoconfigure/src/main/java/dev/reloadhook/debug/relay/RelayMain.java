package dev.reloadhook.debug.relay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import dev.reloadhook.debug.control.FromRelay;

/**
 * Entry point of the debug relay process, started by the application it relays to.
 * Arguments: bind address, port (0 for any), JDWP agent host, agent port, the
 * application's process id, and optionally the handshake timeout in milliseconds. Ends
 * with the application: when its standard input closes or the application's process ends.
 *
 * @author reload-hook
 */
public final class RelayMain {

	private static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 5_000;

	private RelayMain() {
	}

	/**
	 * Run the relay.
	 * @param args bind address, port, agent host, agent port, application process id,
	 * handshake timeout in milliseconds (optional)
	 */
	public static void main(String[] args) {
		PrintStream channel = System.out;
		// Standard output is the control channel: nothing else may write to it.
		System.setOut(System.err);
		ControlChannel control = new ControlChannel(channel);
		ProcessHandle.of(Long.parseLong(args[4]))
			.ifPresentOrElse((application) -> application.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
					() -> Runtime.getRuntime().halt(0));
		ServerSocket server;
		try {
			server = new ServerSocket();
			server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
		}
		catch (IOException ex) {
			control.sendNow(new FromRelay.Failed(String.valueOf(ex.getMessage())));
			Runtime.getRuntime().halt(1);
			return;
		}
		control.send(new FromRelay.Listening(server.getInetAddress().getHostAddress() + ":" + server.getLocalPort()));
		Duration handshakeTimeout = Duration
			.ofMillis((args.length > 5) ? Long.parseLong(args[5]) : DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
		Relay relay = new Relay(server, new InetSocketAddress(args[2], Integer.parseInt(args[3])), control,
				handshakeTimeout);
		Thread accepting = new Thread(relay::acceptDebuggers, "relay-accept");
		accepting.setDaemon(true);
		accepting.start();
		relay.serveControl(System.in);
		// The application closed the channel: it is ending.
		Runtime.getRuntime().halt(0);
	}

}
