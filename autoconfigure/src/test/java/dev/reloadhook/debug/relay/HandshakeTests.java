package dev.reloadhook.debug.relay;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpConnection;
import dev.reloadhook.debug.jdwp.JdwpOutput;
import dev.reloadhook.debug.jdwp.JdwpPacket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Handshake} between a debugger and an agent played by the test over
 * loopback sockets, byte by byte.
 */
class HandshakeTests {

	private static final int TIMEOUT_MILLIS = 60_000;

	@Test
	void theRelayLearnsTheIdentifierSizesAndTheDebuggerGetsWhatTheAgentSentBefore() throws Exception {
		try (ServerSocket servers = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
				Socket debuggerSide = connect(servers);
				Socket relayFromDebugger = accept(servers);
				Socket relayToAgent = connect(servers);
				Socket agentSide = accept(servers)) {
			JdwpConnection debuggerClient = new JdwpConnection(debuggerSide);
			JdwpConnection debugger = new JdwpConnection(relayFromDebugger);
			JdwpConnection agent = new JdwpConnection(agentSide);
			debuggerClient.writeHandshake();
			debugger.readHandshake();
			CompletableFuture<IdSizes> sizes = CompletableFuture.supplyAsync(() -> {
				try {
					return Handshake.complete(debugger, new JdwpConnection(relayToAgent));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			agent.readHandshake();
			agent.writeHandshake();
			JdwpPacket vmStart = JdwpPacket.command(1, Jdwp.EVENT, Jdwp.COMPOSITE,
					new JdwpOutput(new IdSizes(4, 4, 4, 4, 4)).writeByte(0)
						.writeInt(1)
						.writeByte(90)
						.writeInt(0)
						.writeObjectId(1)
						.toByteArray());
			agent.write(vmStart);
			JdwpPacket idSizes = agent.read();
			assertThat(idSizes.is(Jdwp.VIRTUAL_MACHINE, Jdwp.ID_SIZES)).isTrue();
			assertThat(idSizes.id()).isEqualTo(Handshake.ID_SIZES_PACKET);
			agent.write(JdwpPacket.reply(idSizes.id(), (short) 0, new JdwpOutput(new IdSizes(4, 4, 4, 4, 4)).writeInt(8)
				.writeInt(8)
				.writeInt(4)
				.writeInt(8)
				.writeInt(8)
				.toByteArray()));
			assertThat(sizes.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(new IdSizes(8, 8, 4, 8, 8));
			debuggerClient.readHandshake();
			JdwpPacket early = debuggerClient.read();
			assertThat(early.is(Jdwp.EVENT, Jdwp.COMPOSITE)).isTrue();
			assertThat(early.data()).isEqualTo(vmStart.data());
		}
	}

	private static Socket connect(ServerSocket server) throws Exception {
		Socket socket = new Socket(server.getInetAddress(), server.getLocalPort());
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private static Socket accept(ServerSocket server) throws Exception {
		server.setSoTimeout(TIMEOUT_MILLIS);
		Socket socket = server.accept();
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

}
