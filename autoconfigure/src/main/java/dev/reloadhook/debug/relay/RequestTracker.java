package dev.reloadhook.debug.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.debug.jdwp.BreakpointRequest;
import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpInput;
import dev.reloadhook.debug.jdwp.JdwpPacket;
import org.jspecify.annotations.Nullable;

/**
 * The debugger's event requests as the relay sees them go by: each EventRequest.Set until
 * its reply names the request id, then the suspend policy of every request (jdb's own
 * class prepare request suspends nothing, a breakpoint may suspend all) and the breakpoint
 * requests the relay must remember. Used by both reader threads.
 *
 * @author reload-hook
 */
final class RequestTracker {

	/** The debugger's pending EventRequest.Set commands, by packet id. */
	private final Map<Integer, byte[]> pending = new ConcurrentHashMap<>();

	/** The suspend policy of each of the debugger's event requests. */
	private final Map<Integer, Byte> suspendPolicies = new ConcurrentHashMap<>();

	/**
	 * Note a command of the debugger on its way to the virtual machine.
	 * @param command the command
	 */
	void sent(JdwpPacket command) {
		if (command.is(Jdwp.EVENT_REQUEST, Jdwp.SET) && command.data().length > 1) {
			this.pending.put(command.id(), command.data());
		}
	}

	/**
	 * Take a reply on its way to the debugger.
	 * @param reply the reply
	 * @param sizes the identifier sizes
	 * @return the breakpoint the debugger just set, or {@code null} when the reply is not
	 * for one
	 */
	@Nullable NewBreakpoint replied(JdwpPacket reply, IdSizes sizes) {
		byte[] set = this.pending.remove(reply.id());
		if (set == null || reply.errorCode() != 0) {
			return null;
		}
		int requestId = new JdwpInput(reply.data(), sizes).readInt();
		this.suspendPolicies.put(requestId, set[1]);
		BreakpointRequest request = (set[0] == Jdwp.BREAKPOINT) ? BreakpointRequest.parse(set, sizes) : null;
		return (request != null) ? new NewBreakpoint(requestId, request) : null;
	}

	/**
	 * Return the suspend policy the debugger gave a request.
	 * @param requestId the request id the debugger knows
	 * @param otherwise the policy for a request the relay did not see set
	 * @return the policy
	 */
	byte suspendPolicy(int requestId, byte otherwise) {
		return this.suspendPolicies.getOrDefault(requestId, otherwise);
	}

	/**
	 * A breakpoint request the virtual machine accepted.
	 *
	 * @param requestId the id the debugger knows it by
	 * @param request the request
	 */
	record NewBreakpoint(int requestId, BreakpointRequest request) {

	}

}
