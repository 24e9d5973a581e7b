package dev.reloadhook.debug.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import dev.reloadhook.debug.control.FromRelay;
import dev.reloadhook.debug.control.ToRelay;
import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's own connections, tried with raw sockets against a relay process relaying to
 * a real JDWP agent: an idle connection, garbage, and a second debugger never disturb the
 * debugger that is (or will be) connected; a control line that is no message neither.
 */
class RelayConnectionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final long HANDSHAKE_TIMEOUT_MILLIS = 1_000;

	private static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");

	@TempDir
	Path temp;

	private Process target;

	private Process relay;

	private final List<String> relayLines = new CopyOnWriteArrayList<>();

	private int relayPort;

	@BeforeEach
	void startRelayToARealAgent() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("Idle", """
				public class Idle {
					public static void main(String[] args) throws Exception {
						System.in.read();
					}
				}
				""").compileAll();
		this.target = new ProcessBuilder(java(), "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0",
				"-cp", project.classes().toString(), "Idle")
			.redirectErrorStream(true)
			.start();
		BufferedReader targetOutput = new BufferedReader(
				new InputStreamReader(this.target.getInputStream(), StandardCharsets.UTF_8));
		String listening = targetOutput.readLine();
		Matcher agentPort = LISTENING.matcher(listening);
		assertThat(agentPort.find()).as(listening).isTrue();
		String classes = Path.of(RelayMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.toString();
		this.relay = new ProcessBuilder(java(), "-cp", classes, RelayMain.class.getName(), "127.0.0.1", "0",
				"127.0.0.1", agentPort.group(1), Long.toString(ProcessHandle.current().pid()),
				Long.toString(HANDSHAKE_TIMEOUT_MILLIS))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		Thread reader = new Thread(this::readRelay, "relay-output");
		reader.setDaemon(true);
		reader.start();
		Thread agentMoves = new Thread(() -> reportAgentMoves(targetOutput), "agent-output");
		agentMoves.setDaemon(true);
		agentMoves.start();
		String line = awaitRelayLine("listening ");
		this.relayPort = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
	}

	@AfterEach
	void stop() throws InterruptedException {
		for (Process process : new Process[] { this.relay, this.target }) {
			if (process != null) {
				process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void idleConnectionNeitherBlocksADebuggerNorStaysOpen() throws Exception {
		try (Socket idle = connect()) {
			VirtualMachine vm = attach();
			try {
				assertThat(vm.allThreads()).isNotEmpty();
			}
			finally {
				vm.dispose();
			}
			assertThat(idle.getInputStream().read()).isEqualTo(-1);
		}
		assertThat(awaitRelayLine("log WARN Debug relay closed a connection from .* that sent no JDWP handshake "
				+ "within 1000 ms")).isNotNull();
	}

	@Test
	void garbageClosesItsConnectionOnly() throws Exception {
		VirtualMachine vm = attachAfterGarbage();
		try {
			// Garbage before the handshake: closed, and reported.
			try (Socket http = connect()) {
				send(http, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(http.getInputStream().read()).isEqualTo(-1);
			}
			awaitRelayLine("log WARN Debug relay closed a connection from .* that is not a JDWP debugger");
			assertThat(vm.allThreads()).isNotEmpty();
		}
		finally {
			vm.dispose();
		}
	}

	@Test
	void secondDebuggerIsRefusedWithAReasonAndTheFirstCarriesOn() throws Exception {
		VirtualMachine first = attach();
		try {
			try (Socket second = connect()) {
				send(second, "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII));
				assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
					.isEqualTo(Relay.REFUSAL);
			}
			awaitRelayLine("log WARN Debug relay refused a second debugger from .*: another debugger is attached");
			assertThat(first.allThreads()).isNotEmpty();
			assertThat(first.classesByName("Idle")).hasSize(1);
		}
		finally {
			first.dispose();
		}
		awaitRelayLine("disconnected");
	}

	@Test
	void controlLineThatIsNoMessageIsReportedAndTheRelayKeepsReadingItsChannel() throws Exception {
		control("agent nowhere");
		awaitRelayLine("^log WARN Debug relay ignored a control message: "
				+ "Not a debug relay control message: 'agent nowhere'$");
		ToRelay.Redefine request = new ToRelay.Redefine(1, 1, Map.of("Idle", new byte[] { 1 }));
		control(request.toLine());
		String answer = awaitRelayLine("^refused 1 ");
		assertThat(FromRelay.parse(answer)).isEqualTo(request.refused("no debugger is connected through the relay"));
	}

	/**
	 * A debugger that sends garbage after its handshake (a packet length no packet has)
	 * loses its own session; the next debugger gets one.
	 */
	private VirtualMachine attachAfterGarbage() throws Exception {
		try (Socket broken = connect()) {
			send(broken, "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(broken.getInputStream().readNBytes(14), StandardCharsets.US_ASCII))
				.isEqualTo("JDWP-Handshake");
			awaitRelayLine("^connected");
			send(broken, new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 0, 0, 0, 1, 0, 1, 1 });
			InputStream in = broken.getInputStream();
			await().atMost(TIMEOUT).until(() -> in.read() == -1);
		}
		awaitRelayLine("^disconnected");
		return attach();
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.relayPort), 10_000);
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		return socket;
	}

	private static void send(Socket socket, byte[] bytes) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(bytes);
		out.flush();
	}

	private VirtualMachine attach() throws Exception {
		AttachingConnector connector = Bootstrap.virtualMachineManager()
			.attachingConnectors()
			.stream()
			.filter((candidate) -> candidate.name().equals("com.sun.jdi.SocketAttach"))
			.findFirst()
			.orElseThrow();
		Map<String, Connector.Argument> arguments = connector.defaultArguments();
		arguments.get("hostname").setValue("127.0.0.1");
		arguments.get("port").setValue(Integer.toString(this.relayPort));
		return connector.attach(arguments);
	}

	/**
	 * Do what the application does: an agent started with port 0 listens on a new port once
	 * a debugger detaches; tell the relay.
	 */
	private void reportAgentMoves(BufferedReader targetOutput) {
		try {
			String line;
			while ((line = targetOutput.readLine()) != null) {
				Matcher port = LISTENING.matcher(line);
				if (port.find()) {
					control(new ToRelay.AgentMoved(Integer.parseInt(port.group(1))).toLine());
				}
			}
		}
		catch (IOException ex) {
			// the target or the relay ended
		}
	}

	/**
	 * Write a line to the relay's control channel, as the application does.
	 */
	private void control(String line) throws IOException {
		OutputStream relayInput = this.relay.getOutputStream();
		synchronized (relayInput) {
			relayInput.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
			relayInput.flush();
		}
	}

	private void readRelay() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.relay.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.relayLines.add(line);
			}
		}
		catch (IOException ex) {
			// the relay ended
		}
	}

	private String awaitRelayLine(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.relayLines.stream().filter((line) -> pattern.matcher(line).find()).findFirst().orElse(null),
					(line) -> line != null);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
