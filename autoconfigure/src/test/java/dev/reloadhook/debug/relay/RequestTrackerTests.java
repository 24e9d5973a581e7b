package dev.reloadhook.debug.relay;

import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpOutput;
import dev.reloadhook.debug.jdwp.JdwpPacket;
import dev.reloadhook.debug.jdwp.Location;
import dev.reloadhook.debug.relay.RequestTracker.NewBreakpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestTracker}: the debugger's EventRequest.Set commands and the
 * agent's replies, as bytes.
 */
class RequestTrackerTests {

	private static final IdSizes SIZES = new IdSizes(8, 8, 8, 8, 8);

	private static final byte SUSPEND_ALL = 2;

	private static final Location LOCATION = new Location((byte) 1, 300, 400, 12);

	private final RequestTracker tracker = new RequestTracker();

	@Test
	void aBreakpointTheAgentAcceptedIsToBeRemembered() {
		this.tracker.sent(JdwpPacket.command(9, Jdwp.EVENT_REQUEST, Jdwp.SET, breakpointSet()));
		NewBreakpoint breakpoint = this.tracker.replied(accepted(9, 5), SIZES);
		assertThat(breakpoint).isNotNull();
		assertThat(breakpoint.requestId()).isEqualTo(5);
		assertThat(breakpoint.request().location()).isEqualTo(LOCATION);
		assertThat(this.tracker.suspendPolicy(5, Jdwp.SUSPEND_NONE)).isEqualTo(SUSPEND_ALL);
	}

	@Test
	void aRequestTheAgentRefusedIsForgotten() {
		this.tracker.sent(JdwpPacket.command(9, Jdwp.EVENT_REQUEST, Jdwp.SET, breakpointSet()));
		assertThat(this.tracker.replied(JdwpPacket.reply(9, (short) 41, new byte[0]), SIZES)).isNull();
		assertThat(this.tracker.suspendPolicy(5, Jdwp.SUSPEND_NONE)).isEqualTo(Jdwp.SUSPEND_NONE);
		assertThat(this.tracker.replied(accepted(9, 5), SIZES)).as("a reply is taken once").isNull();
	}

	@Test
	void otherRequestsKeepOnlyTheirSuspendPolicy() {
		byte[] classPrepare = new JdwpOutput(SIZES).writeByte(Jdwp.CLASS_PREPARE)
			.writeByte(Jdwp.SUSPEND_NONE)
			.writeInt(1)
			.writeByte(Jdwp.MODIFIER_CLASS_MATCH)
			.writeString("app.*")
			.toByteArray();
		this.tracker.sent(JdwpPacket.command(10, Jdwp.EVENT_REQUEST, Jdwp.SET, classPrepare));
		assertThat(this.tracker.replied(accepted(10, 6), SIZES)).isNull();
		assertThat(this.tracker.suspendPolicy(6, SUSPEND_ALL)).isEqualTo(Jdwp.SUSPEND_NONE);
	}

	@Test
	void repliesToOtherCommandsAreNotTaken() {
		this.tracker.sent(JdwpPacket.command(11, Jdwp.VIRTUAL_MACHINE, Jdwp.ID_SIZES, new byte[0]));
		assertThat(this.tracker.replied(accepted(11, 5), SIZES)).isNull();
		assertThat(this.tracker.suspendPolicy(5, Jdwp.SUSPEND_EVENT_THREAD)).isEqualTo(Jdwp.SUSPEND_EVENT_THREAD);
	}

	private static byte[] breakpointSet() {
		return new JdwpOutput(SIZES).writeByte(Jdwp.BREAKPOINT)
			.writeByte(SUSPEND_ALL)
			.writeInt(2)
			.writeByte(Jdwp.MODIFIER_LOCATION_ONLY)
			.writeLocation(LOCATION)
			.writeByte(1)
			.writeInt(3)
			.toByteArray();
	}

	private static JdwpPacket accepted(int packetId, int requestId) {
		return JdwpPacket.reply(packetId, (short) 0, new JdwpOutput(SIZES).writeInt(requestId).toByteArray());
	}

}
