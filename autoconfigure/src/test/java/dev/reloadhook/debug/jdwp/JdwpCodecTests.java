package dev.reloadhook.debug.jdwp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import dev.reloadhook.debug.jdwp.CompositeEvent.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the JDWP codec: packets, their data, the connection's handshake, composite
 * events and breakpoint requests, on bytes built in the test.
 */
class JdwpCodecTests {

	private static final IdSizes SIZES = new IdSizes(8, 8, 8, 8, 8);

	@Test
	void packetsRoundTrip() throws Exception {
		JdwpPacket command = JdwpPacket.command(7, Jdwp.EVENT_REQUEST, Jdwp.SET, new byte[] { 2, 1 });
		JdwpPacket reply = JdwpPacket.reply(7, (short) 41, new byte[] { 9 });
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		command.write(new DataOutputStream(bytes));
		reply.write(new DataOutputStream(bytes));
		DataInputStream input = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
		JdwpPacket readCommand = JdwpPacket.read(input);
		JdwpPacket readReply = JdwpPacket.read(input);
		assertThat(readCommand.is(Jdwp.EVENT_REQUEST, Jdwp.SET)).isTrue();
		assertThat(readCommand.data()).containsExactly(2, 1);
		assertThat(readReply.isReply()).isTrue();
		assertThat(readReply.errorCode()).isEqualTo((short) 41);
		assertThat(readReply.data()).containsExactly(9);
	}

	@Test
	void compositeEventsAreLocatedRewrittenAndFiltered() {
		Location location = new Location((byte) 1, 100, 200, 3);
		byte[] data = new JdwpOutput(SIZES).writeByte(Jdwp.SUSPEND_EVENT_THREAD)
			.writeInt(3)
			.writeByte(Jdwp.BREAKPOINT)
			.writeInt(11)
			.writeObjectId(5)
			.writeLocation(location)
			.writeByte(Jdwp.CLASS_PREPARE)
			.writeInt(12)
			.writeObjectId(5)
			.writeByte(1)
			.writeReferenceTypeId(300)
			.writeString("Lapp/Counter;")
			.writeInt(7)
			.writeByte(4)
			.writeInt(13)
			.writeObjectId(6)
			.writeLocation(location)
			.writeByte('L')
			.writeObjectId(77)
			.writeLocation(location)
			.toByteArray();
		CompositeEvent composite = CompositeEvent.parse(data, SIZES);
		assertThat(composite.events()).extracting(Event::requestId).containsExactly(11, 12, 13);
		assertThat(composite.events().get(1).prepared())
			.isEqualTo(new CompositeEvent.ClassPrepared((byte) 1, 300, "Lapp/Counter;"));
		List<Event> kept = List.of(composite.events().get(0).withRequestId(4), composite.events().get(2));
		CompositeEvent rewritten = CompositeEvent.parse(composite.withSuspendPolicy(Jdwp.SUSPEND_NONE).toData(kept),
				SIZES);
		assertThat(rewritten.suspendPolicy()).isEqualTo(Jdwp.SUSPEND_NONE);
		assertThat(rewritten.events()).extracting(Event::requestId).containsExactly(4, 13);
		assertThat(rewritten.events()).extracting(Event::thread).containsExactly(5L, 6L);
	}

	@Test
	void breakpointRequestKeepsItsModifiersAtAnotherLocation() {
		Location location = new Location((byte) 1, 100, 200, 3);
		byte[] set = new JdwpOutput(SIZES).writeByte(Jdwp.BREAKPOINT)
			.writeByte(2)
			.writeInt(3)
			.writeByte(1)
			.writeInt(5)
			.writeByte(Jdwp.MODIFIER_LOCATION_ONLY)
			.writeLocation(location)
			.writeByte(3)
			.writeObjectId(42)
			.toByteArray();
		BreakpointRequest request = BreakpointRequest.parse(set, SIZES);
		assertThat(request).isNotNull();
		assertThat(request.location()).isEqualTo(location);
		Location moved = new Location((byte) 1, 101, 201, 0);
		BreakpointRequest again = BreakpointRequest.parse(request.at(moved, new JdwpOutput(SIZES)), SIZES);
		assertThat(again.location()).isEqualTo(moved);
		assertThat(again.sameModifiers(request)).isTrue();
		assertThat(again.suspendPolicy()).isEqualTo((byte) 2);
	}

	@Test
	void breakpointRequestWithoutLocationIsNotKept() {
		byte[] set = new JdwpOutput(SIZES).writeByte(Jdwp.BREAKPOINT).writeByte(2).writeInt(1).writeByte(1).writeInt(5)
			.toByteArray();
		assertThat(BreakpointRequest.parse(set, SIZES)).isNull();
	}

	@Test
	void dataRoundTripsWithTheIdentifierSizesTheVirtualMachineAnnounced() {
		IdSizes small = IdSizes.read(new JdwpOutput(SIZES).writeInt(4)
			.writeInt(4)
			.writeInt(4)
			.writeInt(4)
			.writeInt(4)
			.toByteArray());
		assertThat(small).isEqualTo(new IdSizes(4, 4, 4, 4, 4));
		byte[] data = new JdwpOutput(small).writeObjectId(0xCAFEBABEL)
			.writeReferenceTypeId(7)
			.writeMethodId(8)
			.writeFieldId(9)
			.writeLong(-2)
			.writeString("Größe ✓")
			.writeLocation(new Location((byte) 1, 10, 11, 12))
			.toByteArray();
		assertThat(data).hasSize(4 * 4 + 8 + 4 + "Größe ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8).length
				+ 1 + 4 + 4 + 8);
		JdwpInput input = new JdwpInput(data, small);
		assertThat(input.readObjectId()).isEqualTo(0xCAFEBABEL);
		assertThat(input.readReferenceTypeId()).isEqualTo(7);
		assertThat(input.readMethodId()).isEqualTo(8);
		assertThat(input.readFieldId()).isEqualTo(9);
		assertThat(input.readLong()).isEqualTo(-2);
		assertThat(input.readString()).isEqualTo("Größe ✓");
		assertThat(input.readLocation()).isEqualTo(new Location((byte) 1, 10, 11, 12));
		assertThat(input.position()).isEqualTo(data.length);
	}

	@Test
	void taggedValuesAreSkippedByTheirTag() {
		byte[] data = new JdwpOutput(SIZES).writeByte('Z')
			.writeByte(1)
			.writeByte('I')
			.writeInt(42)
			.writeByte('J')
			.writeLong(43)
			.writeByte('V')
			.writeByte('L')
			.writeObjectId(44)
			.writeInt(99)
			.toByteArray();
		JdwpInput input = new JdwpInput(data, SIZES);
		for (int i = 0; i < 5; i++) {
			input.skipTaggedValue();
		}
		assertThat(input.readInt()).isEqualTo(99);
	}

	@Test
	void identifiersCannotBeReadBeforeTheirSizesAreKnown() {
		JdwpInput input = new JdwpInput(new byte[8], null);
		assertThatIllegalStateException().isThrownBy(input::readObjectId)
			.withMessage("Identifier sizes are not known yet");
	}

	@Test
	void aLengthNoPacketHasIsNotReadAsOne() {
		byte[] text = "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		assertThatIOException().isThrownBy(() -> JdwpPacket.read(new DataInputStream(new ByteArrayInputStream(text))))
			.withMessageStartingWith("Not a JDWP packet (length ");
		byte[] tooShort = new JdwpOutput(SIZES).writeInt(10).writeInt(1).writeByte(0).toByteArray();
		assertThatIOException()
			.isThrownBy(() -> JdwpPacket.read(new DataInputStream(new ByteArrayInputStream(tooShort))))
			.withMessage("Not a JDWP packet (length 10)");
	}

	@Test
	void anUnknownEventKindIsNotGuessed() {
		byte[] data = new JdwpOutput(SIZES).writeByte(0).writeInt(1).writeByte(77).writeInt(1).writeObjectId(5)
			.toByteArray();
		assertThatIllegalArgumentException().isThrownBy(() -> CompositeEvent.parse(data, SIZES))
			.withMessage("Unknown JDWP event kind 77");
	}

	@Test
	void connectionsExchangeHandshakesAndPackets() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			JdwpConnection debugger = new JdwpConnection(client);
			JdwpConnection agent = new JdwpConnection(accepted);
			debugger.writeHandshake();
			agent.readHandshake();
			debugger.write(JdwpPacket.command(3, Jdwp.VIRTUAL_MACHINE, Jdwp.ID_SIZES, new byte[0]));
			JdwpPacket command = agent.read();
			assertThat(command.is(Jdwp.VIRTUAL_MACHINE, Jdwp.ID_SIZES)).isTrue();
			assertThat(command.id()).isEqualTo(3);
			agent.writeText("JDWP-Refused!!");
			assertThatIOException().isThrownBy(debugger::readHandshake).withMessage("Not a JDWP handshake");
		}
	}

}
