package dev.reloadhook.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.debug.control.FromRelay;
import dev.reloadhook.debug.control.ToRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DebugRelay}, the application's side of the control protocol, against a
 * relay process played by the test over pipes.
 */
class DebugRelayTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final FakeRelayProcess process = new FakeRelayProcess();

	private final DebugRelay relay = new DebugRelay(this.process, () -> 4242);

	@AfterEach
	void end() throws IOException {
		this.process.relayOutput.close();
	}

	@Test
	void listeningAddressIsTheOneTheRelayReports() throws Exception {
		this.process.relaySays(new FromRelay.Listening("127.0.0.1:5005"));
		assertThat(this.relay.awaitListening()).isEqualTo("127.0.0.1:5005");
	}

	@Test
	void relayThatCannotListenTellsWhy() throws Exception {
		this.process.relaySays(new FromRelay.Failed("Address already in use"));
		assertThatExceptionOfType(IOException.class).isThrownBy(this.relay::awaitListening)
			.withMessage("Address already in use");
	}

	@Test
	void redefinitionIsSentWithItsClassesAndDoneWhenTheRelaySaysSo() throws Exception {
		byte[] bytes = { (byte) 0xCA, (byte) 0xFE, 1, 2 };
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> redefine(Map.of("app.Counter", bytes)));
		ToRelay.Redefine request = (ToRelay.Redefine) ToRelay.parse(this.process.readLine());
		assertThat(request.generation()).isEqualTo(3);
		assertThat(request.classes().get("app.Counter")).isEqualTo(bytes);
		assertThat(done).isNotDone();
		this.process.relaySays(request.redefined());
		done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void refusedRedefinitionFailsWithTheRelaysReason() throws Exception {
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> redefine(Map.of("app.Counter", new byte[1])));
		ToRelay.Redefine request = (ToRelay.Redefine) ToRelay.parse(this.process.readLine());
		this.process.relaySays(new FromRelay.Redefined(request.token() + 100));
		this.process.relaySays(request.refused("app.Counter is not loaded by generation 3"));
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.havingRootCause()
			.isInstanceOf(IOException.class)
			.withMessage("app.Counter is not loaded by generation 3");
	}

	@Test
	void redefinitionWaitingWhenTheRelayEndsFails() throws Exception {
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> redefine(Map.of("app.Counter", new byte[1])));
		this.process.readLine();
		this.process.relayOutput.close();
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.havingRootCause()
			.withMessage("the debug relay ended");
	}

	@Test
	void debuggerComesAndGoesAndTheRelayIsToldWhereTheAgentListensNow() throws Exception {
		this.process.relaySays(new FromRelay.Connected());
		await().atMost(TIMEOUT).until(this.relay::isDebuggerConnected);
		this.process.relaySays(new FromRelay.Disconnected());
		assertThat(ToRelay.parse(this.process.readLine())).isEqualTo(new ToRelay.AgentMoved(4242));
		assertThat(this.relay.isDebuggerConnected()).isFalse();
	}

	@Test
	void linesThatAreNoMessageDoNotDisturbTheChannel() throws Exception {
		this.process.relayOutput.write("Picked up JAVA_TOOL_OPTIONS: -Xmx1g\n".getBytes(StandardCharsets.UTF_8));
		this.process.relaySays(new FromRelay.Listening("127.0.0.1:5005"));
		assertThat(this.relay.awaitListening()).isEqualTo("127.0.0.1:5005");
	}

	private void redefine(Map<String, byte[]> classes) {
		try {
			this.relay.redefine(3, classes);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The relay process: what the application writes to its standard input, and what it
	 * reads from its standard output.
	 */
	private static final class FakeRelayProcess extends Process {

		private final Pipe toRelay;

		private final Pipe fromRelay;

		private final OutputStream relayOutput;

		private final BufferedReader relayInput;

		FakeRelayProcess() {
			try {
				this.toRelay = Pipe.open();
				this.fromRelay = Pipe.open();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.relayOutput = Channels.newOutputStream(this.fromRelay.sink());
			this.relayInput = new BufferedReader(
					new InputStreamReader(Channels.newInputStream(this.toRelay.source()), StandardCharsets.US_ASCII));
		}

		void relaySays(FromRelay message) throws IOException {
			this.relayOutput.write((message.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
			this.relayOutput.flush();
		}

		String readLine() throws IOException {
			return this.relayInput.readLine();
		}

		@Override
		public OutputStream getOutputStream() {
			return Channels.newOutputStream(this.toRelay.sink());
		}

		@Override
		public InputStream getInputStream() {
			return Channels.newInputStream(this.fromRelay.source());
		}

		@Override
		public InputStream getErrorStream() {
			return InputStream.nullInputStream();
		}

		@Override
		public int waitFor() {
			return 0;
		}

		@Override
		public int exitValue() {
			return 0;
		}

		@Override
		public void destroy() {
		}

	}

}
