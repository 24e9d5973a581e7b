package dev.reloadhook.debug.relay;

import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.debug.jdwp.CompositeEvent;
import dev.reloadhook.debug.jdwp.CompositeEvent.ClassPrepared;
import dev.reloadhook.debug.jdwp.CompositeEvent.Event;
import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpPacket;
import org.jspecify.annotations.Nullable;

/**
 * Turns an Event.Composite packet of the virtual machine into what the debugger may see:
 * events of breakpoints the relay armed carry the request id the debugger knows, the
 * relay's own class prepare events are taken out (the classes in them get their
 * breakpoints), and the suspend policy is the one the debugger's own requests asked for.
 * Sends nothing: the {@link Rewritten rewritten} packet says what to do.
 *
 * @author reload-hook
 */
final class EventRewriter {

	private final RequestIds requestIds;

	private final RequestTracker requests;

	private final IdSizes sizes;

	EventRewriter(RequestIds requestIds, RequestTracker requests, IdSizes sizes) {
		this.requestIds = requestIds;
		this.requests = requests;
		this.sizes = sizes;
	}

	/**
	 * Rewrite an Event.Composite packet.
	 * @param packet the packet from the virtual machine
	 * @return what to forward, and what the relay must do first
	 * @throws IllegalArgumentException if the packet holds an event kind JDWP does not define
	 */
	Rewritten rewrite(JdwpPacket packet) {
		CompositeEvent composite = CompositeEvent.parse(packet.data(), this.sizes);
		List<Event> forwarded = new ArrayList<>();
		List<ClassPrepared> prepared = new ArrayList<>();
		long ownThread = 0;
		byte forwardedPolicy = Jdwp.SUSPEND_NONE;
		boolean rewritten = false;
		for (Event event : composite.events()) {
			if (this.requestIds.isOwnRequest(event.requestId()) && event.prepared() != null) {
				prepared.add(event.prepared());
				ownThread = event.thread();
				continue;
			}
			int originalId = this.requestIds.originalId(event.requestId());
			rewritten |= originalId != event.requestId();
			forwarded.add((originalId != event.requestId()) ? event.withRequestId(originalId) : event);
			forwardedPolicy = (byte) Math.max(forwardedPolicy,
					this.requests.suspendPolicy(originalId, composite.suspendPolicy()));
		}
		if (prepared.isEmpty()) {
			return new Rewritten(rewritten ? packet.withData(composite.toData(forwarded)) : packet, List.of(),
					Jdwp.SUSPEND_NONE, 0);
		}
		// The debugger resumes only what its own requests suspended; the relay resumes the
		// rest, once the breakpoints are set in the new version (the loading thread stays
		// suspended until then).
		JdwpPacket withoutOwn = forwarded.isEmpty() ? null
				: packet.withData(composite.withSuspendPolicy(forwardedPolicy).toData(forwarded));
		byte ownPolicy = (forwardedPolicy < composite.suspendPolicy()) ? composite.suspendPolicy() : Jdwp.SUSPEND_NONE;
		return new Rewritten(withoutOwn, prepared, ownPolicy, ownThread);
	}

	/**
	 * Which requests are the relay's: its own class prepare requests, and the breakpoints it
	 * armed for the debugger's.
	 */
	interface RequestIds {

		/**
		 * Return whether a request is one of the relay's own class prepare requests.
		 * @param requestId the id in the event
		 * @return whether it is
		 */
		boolean isOwnRequest(int requestId);

		/**
		 * Return the id the debugger knows a request by.
		 * @param requestId the id in the event
		 * @return the debugger's id, the same for its own requests
		 */
		int originalId(int requestId);

	}

	/**
	 * An Event.Composite packet, rewritten.
	 *
	 * @param forward the packet for the debugger, {@code null} when none of its events are
	 * the debugger's
	 * @param prepared the new class versions the relay's requests saw, to arm breakpoints
	 * in before the debugger sees the packet
	 * @param resumePolicy what the relay resumes once it armed them:
	 * {@link Jdwp#SUSPEND_NONE} when the debugger resumes all that was suspended
	 * @param thread the thread of the relay's events, for
	 * {@link Jdwp#SUSPEND_EVENT_THREAD}
	 */
	record Rewritten(@Nullable JdwpPacket forward, List<ClassPrepared> prepared, byte resumePolicy, long thread) {

		/**
		 * Return whether the relay has work to do before the debugger may see the packet.
		 * @return whether it has
		 */
		boolean holdsOwnEvents() {
			return !this.prepared.isEmpty();
		}

	}

}
