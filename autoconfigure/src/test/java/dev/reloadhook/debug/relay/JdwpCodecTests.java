package dev.reloadhook.debug.relay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

import dev.reloadhook.debug.relay.CompositeEvent.Event;
import dev.reloadhook.debug.relay.RememberedBreakpoint.BreakpointRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the relay's JDWP packet codec: packets, composite events, breakpoint requests.
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

}
