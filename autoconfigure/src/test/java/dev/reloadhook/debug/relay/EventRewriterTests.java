package dev.reloadhook.debug.relay;

import java.util.Map;
import java.util.Set;

import dev.reloadhook.debug.jdwp.CompositeEvent;
import dev.reloadhook.debug.jdwp.CompositeEvent.ClassPrepared;
import dev.reloadhook.debug.jdwp.CompositeEvent.Event;
import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpOutput;
import dev.reloadhook.debug.jdwp.JdwpPacket;
import dev.reloadhook.debug.jdwp.Location;
import dev.reloadhook.debug.relay.EventRewriter.Rewritten;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventRewriter}: Event.Composite packets built byte by byte, as the
 * JDWP agent sends them, and what the debugger gets of them.
 */
class EventRewriterTests {

	private static final IdSizes SIZES = new IdSizes(8, 8, 8, 8, 8);

	private static final byte SUSPEND_ALL = 2;

	/** The relay's own class prepare request. */
	private static final int OWN_CLASS_PREPARE = 900;

	/** A breakpoint the relay armed in a new class version, for the debugger's request 5. */
	private static final int RELAY_ARMED = 901;

	private static final int DEBUGGER_BREAKPOINT = 5;

	private static final int DEBUGGER_CLASS_PREPARE = 6;

	private static final Location LOCATION = new Location((byte) 1, 300, 400, 12);

	private final RequestTracker requests = new RequestTracker();

	private final EventRewriter rewriter = new EventRewriter(new FixedRequestIds(Set.of(OWN_CLASS_PREPARE),
			Map.of(RELAY_ARMED, DEBUGGER_BREAKPOINT)), this.requests, SIZES);

	@Test
	void theDebuggersOwnEventsPassUntouched() {
		JdwpPacket packet = composite(SUSPEND_ALL, breakpoint(DEBUGGER_BREAKPOINT, 77));
		Rewritten rewritten = this.rewriter.rewrite(packet);
		assertThat(rewritten.forward()).isSameAs(packet);
		assertThat(rewritten.holdsOwnEvents()).isFalse();
		assertThat(rewritten.resumePolicy()).isEqualTo(Jdwp.SUSPEND_NONE);
	}

	@Test
	void aHitOfABreakpointTheRelayArmedCarriesTheDebuggersRequestId() {
		JdwpPacket packet = composite(SUSPEND_ALL, breakpoint(RELAY_ARMED, 77));
		Rewritten rewritten = this.rewriter.rewrite(packet);
		assertThat(rewritten.holdsOwnEvents()).isFalse();
		JdwpPacket forward = rewritten.forward();
		assertThat(forward).isNotNull();
		assertThat(forward.id()).isEqualTo(packet.id());
		assertThat(forward.is(Jdwp.EVENT, Jdwp.COMPOSITE)).isTrue();
		assertThat(forward.data()).isEqualTo(composite(SUSPEND_ALL, breakpoint(DEBUGGER_BREAKPOINT, 77)).data());
	}

	@Test
	void theRelaysOwnClassPrepareIsTakenOutAndItsThreadResumedByTheRelay() {
		JdwpPacket packet = composite(Jdwp.SUSPEND_EVENT_THREAD, classPrepare(OWN_CLASS_PREPARE, 78, 301));
		Rewritten rewritten = this.rewriter.rewrite(packet);
		assertThat(rewritten.forward()).isNull();
		assertThat(rewritten.prepared()).containsExactly(new ClassPrepared((byte) 1, 301, "Lapp/Counter;"));
		assertThat(rewritten.resumePolicy()).isEqualTo(Jdwp.SUSPEND_EVENT_THREAD);
		assertThat(rewritten.thread()).isEqualTo(78);
	}

	@Test
	void sharedWithAClassPrepareOfTheDebuggerThatSuspendsNothingTheDebuggerResumesNothing() {
		// jdb's own class prepare request suspends nothing: had it seen the set's policy it
		// would resume a thread it never suspended.
		requested(DEBUGGER_CLASS_PREPARE, Jdwp.CLASS_PREPARE, Jdwp.SUSPEND_NONE);
		JdwpPacket packet = composite(Jdwp.SUSPEND_EVENT_THREAD, classPrepare(OWN_CLASS_PREPARE, 78, 301),
				classPrepare(DEBUGGER_CLASS_PREPARE, 78, 301));
		Rewritten rewritten = this.rewriter.rewrite(packet);
		assertThat(rewritten.prepared()).extracting(ClassPrepared::typeId).containsExactly(301L);
		JdwpPacket forward = rewritten.forward();
		assertThat(forward).isNotNull();
		assertThat(forward.data())
			.isEqualTo(composite(Jdwp.SUSPEND_NONE, classPrepare(DEBUGGER_CLASS_PREPARE, 78, 301)).data());
		assertThat(rewritten.resumePolicy()).isEqualTo(Jdwp.SUSPEND_EVENT_THREAD);
		assertThat(rewritten.thread()).isEqualTo(78);
	}

	@Test
	void sharedWithAnEventThatSuspendsAsMuchTheDebuggerResumesAll() {
		requested(DEBUGGER_CLASS_PREPARE, Jdwp.CLASS_PREPARE, SUSPEND_ALL);
		JdwpPacket packet = composite(SUSPEND_ALL, classPrepare(OWN_CLASS_PREPARE, 78, 301),
				classPrepare(DEBUGGER_CLASS_PREPARE, 78, 301), breakpoint(RELAY_ARMED, 78));
		Rewritten rewritten = this.rewriter.rewrite(packet);
		CompositeEvent forwarded = CompositeEvent.parse(rewritten.forward().data(), SIZES);
		assertThat(forwarded.suspendPolicy()).isEqualTo(SUSPEND_ALL);
		assertThat(forwarded.events()).extracting(Event::requestId)
			.containsExactly(DEBUGGER_CLASS_PREPARE, DEBUGGER_BREAKPOINT);
		assertThat(rewritten.resumePolicy()).isEqualTo(Jdwp.SUSPEND_NONE);
	}

	@Test
	void eventsOfOtherKindsKeepTheirBytes() {
		byte[] threadStart = new JdwpOutput(SIZES).writeByte(6).writeInt(DEBUGGER_CLASS_PREPARE).writeObjectId(79)
			.toByteArray();
		byte[] vmDeath = new JdwpOutput(SIZES).writeByte(99).writeInt(0).toByteArray();
		JdwpPacket packet = composite(Jdwp.SUSPEND_NONE, threadStart, vmDeath, breakpoint(RELAY_ARMED, 80));
		JdwpPacket forward = this.rewriter.rewrite(packet).forward();
		assertThat(forward.data())
			.isEqualTo(composite(Jdwp.SUSPEND_NONE, threadStart, vmDeath, breakpoint(DEBUGGER_BREAKPOINT, 80)).data());
	}

	private void requested(int requestId, byte eventKind, byte suspendPolicy) {
		byte[] set = new JdwpOutput(SIZES).writeByte(eventKind).writeByte(suspendPolicy).writeInt(0).toByteArray();
		this.requests.sent(JdwpPacket.command(requestId + 1000, Jdwp.EVENT_REQUEST, Jdwp.SET, set));
		this.requests.replied(JdwpPacket.reply(requestId + 1000, (short) 0, new JdwpOutput(SIZES).writeInt(requestId)
			.toByteArray()), SIZES);
	}

	private static JdwpPacket composite(byte suspendPolicy, byte[]... events) {
		JdwpOutput data = new JdwpOutput(SIZES).writeByte(suspendPolicy).writeInt(events.length);
		for (byte[] event : events) {
			data.writeBytes(event);
		}
		return JdwpPacket.command(42, Jdwp.EVENT, Jdwp.COMPOSITE, data.toByteArray());
	}

	private static byte[] breakpoint(int requestId, long thread) {
		return new JdwpOutput(SIZES).writeByte(Jdwp.BREAKPOINT)
			.writeInt(requestId)
			.writeObjectId(thread)
			.writeLocation(LOCATION)
			.toByteArray();
	}

	private static byte[] classPrepare(int requestId, long thread, long typeId) {
		return new JdwpOutput(SIZES).writeByte(Jdwp.CLASS_PREPARE)
			.writeInt(requestId)
			.writeObjectId(thread)
			.writeByte(1)
			.writeReferenceTypeId(typeId)
			.writeString("Lapp/Counter;")
			.writeInt(7)
			.toByteArray();
	}

	private record FixedRequestIds(Set<Integer> own, Map<Integer, Integer> armed) implements EventRewriter.RequestIds {

		@Override
		public boolean isOwnRequest(int requestId) {
			return this.own.contains(requestId);
		}

		@Override
		public int originalId(int requestId) {
			return this.armed.getOrDefault(requestId, requestId);
		}

	}

}
