package dev.reloadhook.debug.relay;

import java.io.IOException;

import dev.reloadhook.debug.jdwp.CompositeEvent.ClassPrepared;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpConnection;
import dev.reloadhook.debug.jdwp.JdwpInput;
import dev.reloadhook.debug.jdwp.JdwpPacket;
import dev.reloadhook.debug.relay.EventRewriter.Rewritten;
import dev.reloadhook.debug.relay.RequestTracker.NewBreakpoint;

/**
 * Where each packet of a session goes. One reader thread per side: packets are forwarded
 * at once, except the replies to the relay's own commands, the events the relay rewrites
 * and the debugger's clears of breakpoints the relay keeps; what needs the relay's own
 * commands goes to the {@link SessionWorker}.
 *
 * @author reload-hook
 */
final class PacketRouter {

	private final JdwpConnection debugger;

	private final JdwpConnection vm;

	private final VmCommands commands;

	private final BreakpointKeeper keeper;

	private final RequestTracker requests;

	private final EventRewriter rewriter;

	private final SessionWorker worker;

	PacketRouter(JdwpConnection debugger, JdwpConnection vm, VmCommands commands, BreakpointKeeper keeper,
			RequestTracker requests, SessionWorker worker) {
		this.debugger = debugger;
		this.vm = vm;
		this.commands = commands;
		this.keeper = keeper;
		this.requests = requests;
		this.rewriter = new EventRewriter(keeper, requests, commands.sizes());
		this.worker = worker;
	}

	/**
	 * Route the debugger's packets until either side ends.
	 */
	void fromDebugger() {
		try {
			while (true) {
				JdwpPacket packet = this.debugger.read();
				this.requests.sent(packet);
				if (isBreakpointClear(packet) && this.keeper.isKnownOriginal(clearedId(packet))) {
					int requestId = clearedId(packet);
					this.worker.run(() -> {
						this.keeper.clear(requestId);
						this.debugger.write(JdwpPacket.reply(packet.id(), (short) 0, new byte[0]));
					});
				}
				else if (packet.is(Jdwp.EVENT_REQUEST, Jdwp.CLEAR_ALL_BREAKPOINTS)) {
					this.worker.run(() -> {
						this.keeper.forgetAll();
						this.vm.write(packet);
					});
				}
				else {
					this.vm.write(packet);
				}
			}
		}
		catch (IOException ex) {
			// the debugger went, or the agent
		}
	}

	private static boolean isBreakpointClear(JdwpPacket packet) {
		return packet.is(Jdwp.EVENT_REQUEST, Jdwp.CLEAR) && packet.data().length == 5
				&& packet.data()[0] == Jdwp.BREAKPOINT;
	}

	private static int clearedId(JdwpPacket clear) {
		return new JdwpInput(clear.data(), null, 1).readInt();
	}

	/**
	 * Route the virtual machine's packets until either side ends.
	 */
	void fromVm() {
		try {
			while (true) {
				JdwpPacket packet = this.vm.read();
				if (packet.isReply()) {
					if (!this.commands.complete(packet)) {
						onReply(packet);
						this.debugger.write(packet);
					}
				}
				else if (packet.is(Jdwp.EVENT, Jdwp.COMPOSITE)) {
					onEvents(this.rewriter.rewrite(packet));
				}
				else {
					this.debugger.write(packet);
				}
			}
		}
		catch (IOException ex) {
			// the agent went, or the debugger
		}
	}

	private void onReply(JdwpPacket reply) {
		NewBreakpoint breakpoint = this.requests.replied(reply, this.commands.sizes());
		if (breakpoint != null) {
			this.keeper.expect(breakpoint.requestId());
			this.worker.run(() -> this.keeper.remember(breakpoint.request(), breakpoint.requestId()));
		}
	}

	private void onEvents(Rewritten rewritten) throws IOException {
		JdwpPacket forward = rewritten.forward();
		if (!rewritten.holdsOwnEvents()) {
			if (forward != null) {
				this.debugger.write(forward);
			}
			return;
		}
		// The debugger sees its events of the set only once the breakpoints are armed in
		// the new versions.
		this.worker.run(() -> {
			for (ClassPrepared version : rewritten.prepared()) {
				this.keeper.classPrepared(version);
			}
			if (forward != null) {
				this.debugger.write(forward);
			}
			resume(rewritten.resumePolicy(), rewritten.thread());
		});
	}

	private void resume(byte suspendPolicy, long thread) {
		if (suspendPolicy == Jdwp.SUSPEND_EVENT_THREAD) {
			this.commands.send(Jdwp.THREAD_REFERENCE, Jdwp.THREAD_RESUME,
					this.commands.output().writeObjectId(thread).toByteArray());
		}
		else if (suspendPolicy != Jdwp.SUSPEND_NONE) {
			this.commands.send(Jdwp.VIRTUAL_MACHINE, Jdwp.RESUME_ALL, new byte[0]);
		}
	}

}
