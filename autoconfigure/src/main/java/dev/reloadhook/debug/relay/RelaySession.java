package dev.reloadhook.debug.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.reloadhook.debug.relay.CompositeEvent.ClassPrepared;
import dev.reloadhook.debug.relay.CompositeEvent.Event;
import dev.reloadhook.debug.relay.RememberedBreakpoint.BreakpointRequest;
import org.jspecify.annotations.Nullable;

/**
 * One debugger's session through the relay: a connection to the JDWP agent opened when
 * the debugger connects, a reader thread per side that forwards packets (and never waits
 * for anything but its socket), and a worker thread for everything that needs the relay's
 * own commands: remembering and re-arming breakpoints, redefinitions.
 *
 * @author reload-hook
 */
final class RelaySession {

	/** The relay's IDSizes command, sent before any debugger packet is forwarded. */
	private static final int ID_SIZES_PACKET = 0x6FFFFFFF;

	private final JdwpConnection debugger;

	private final RelayLog log;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "relay-worker");
		thread.setDaemon(true);
		return thread;
	});

	/** The debugger's pending EventRequest.Set commands, by packet id. */
	private final Map<Integer, byte[]> requestSets = new ConcurrentHashMap<>();

	/** The suspend policy of each of the debugger's event requests. */
	private final Map<Integer, Byte> suspendPolicies = new ConcurrentHashMap<>();

	private @Nullable JdwpConnection vm;

	private @Nullable VmCommands commands;

	private @Nullable BreakpointKeeper keeper;

	private @Nullable GenerationRedefiner redefiner;

	RelaySession(JdwpConnection debugger, RelayLog log) {
		this.debugger = debugger;
		this.log = log;
	}

	/**
	 * Connect to the agent. The debugger's handshake has been read.
	 * @param agent where the agent listens
	 * @throws IOException if the agent cannot be reached
	 */
	void connect(InetSocketAddress agent) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(agent, 10_000);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		this.vm = new JdwpConnection(socket);
	}

	/**
	 * Relay until either side ends, once {@link #connect connected}.
	 * @param connected called once the debugger is connected to the agent
	 * @throws IOException if the connection could not be set up
	 */
	void run(Runnable connected) throws IOException {
		try {
			JdwpConnection vm = this.vm;
			if (vm == null) {
				throw new IOException("not connected to the JDWP agent");
			}
			vm.writeHandshake();
			vm.readHandshake();
			List<JdwpPacket> early = new ArrayList<>();
			IdSizes sizes = readIdSizes(vm, early);
			VmCommands commands = new VmCommands(vm, sizes);
			BreakpointKeeper keeper = new BreakpointKeeper(commands, this.log);
			this.commands = commands;
			this.keeper = keeper;
			this.redefiner = new GenerationRedefiner(commands, keeper);
			this.debugger.writeHandshake();
			for (JdwpPacket packet : early) {
				this.debugger.write(packet);
			}
			Thread vmReader = new Thread(() -> relayFromVm(vm, commands, keeper), "relay-from-vm");
			vmReader.setDaemon(true);
			vmReader.start();
			connected.run();
			relayFromDebugger(vm, commands, keeper);
		}
		finally {
			close();
		}
	}

	private static IdSizes readIdSizes(JdwpConnection vm, List<JdwpPacket> early) throws IOException {
		vm.write(JdwpPacket.command(ID_SIZES_PACKET, Jdwp.VIRTUAL_MACHINE, Jdwp.ID_SIZES, new byte[0]));
		while (true) {
			JdwpPacket packet = vm.read();
			if (packet.isReply() && packet.id() == ID_SIZES_PACKET) {
				return IdSizes.read(packet.data());
			}
			early.add(packet);
		}
	}

	private void relayFromDebugger(JdwpConnection vm, VmCommands commands, BreakpointKeeper keeper) {
		try {
			while (true) {
				JdwpPacket packet = this.debugger.read();
				byte[] data = packet.data();
				if (packet.is(Jdwp.EVENT_REQUEST, Jdwp.SET) && data.length > 1) {
					this.requestSets.put(packet.id(), data);
					vm.write(packet);
				}
				else if (isBreakpointClear(packet) && keeper.isKnownOriginal(clearedId(data))) {
					int requestId = clearedId(data);
					onWorker(() -> {
						keeper.clear(requestId);
						this.debugger.write(JdwpPacket.reply(packet.id(), (short) 0, new byte[0]));
					});
				}
				else if (packet.is(Jdwp.EVENT_REQUEST, Jdwp.CLEAR_ALL_BREAKPOINTS)) {
					onWorker(() -> {
						keeper.forgetAll();
						vm.write(packet);
					});
				}
				else {
					vm.write(packet);
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

	private static int clearedId(byte[] clear) {
		return new JdwpInput(clear, null, 1).readInt();
	}

	private void relayFromVm(JdwpConnection vm, VmCommands commands, BreakpointKeeper keeper) {
		try {
			while (true) {
				JdwpPacket packet = vm.read();
				if (packet.isReply()) {
					if (!commands.complete(packet)) {
						onRequestSetReply(packet, commands, keeper);
						this.debugger.write(packet);
					}
				}
				else if (packet.is(Jdwp.EVENT, Jdwp.COMPOSITE)) {
					onEvents(packet, commands, keeper);
				}
				else {
					this.debugger.write(packet);
				}
			}
		}
		catch (IOException ex) {
			// the agent went, or the debugger
		}
		finally {
			close();
		}
	}

	private void onRequestSetReply(JdwpPacket reply, VmCommands commands, BreakpointKeeper keeper) {
		byte[] set = this.requestSets.remove(reply.id());
		if (set == null || reply.errorCode() != 0) {
			return;
		}
		int originalId = commands.input(reply.data()).readInt();
		this.suspendPolicies.put(originalId, set[1]);
		BreakpointRequest request = (set[0] == Jdwp.BREAKPOINT) ? BreakpointRequest.parse(set, commands.sizes()) : null;
		if (request != null) {
			keeper.expect(originalId);
			onWorker(() -> keeper.remember(request, originalId));
		}
	}

	private void onEvents(JdwpPacket packet, VmCommands commands, BreakpointKeeper keeper) throws IOException {
		CompositeEvent composite = CompositeEvent.parse(packet.data(), commands.sizes());
		List<Event> forwarded = new ArrayList<>();
		List<ClassPrepared> prepared = new ArrayList<>();
		long ownThread = 0;
		byte forwardedPolicy = Jdwp.SUSPEND_NONE;
		boolean rewritten = false;
		for (Event event : composite.events()) {
			if (keeper.isOwnRequest(event.requestId()) && event.prepared() != null) {
				prepared.add(event.prepared());
				ownThread = event.thread();
				continue;
			}
			int originalId = keeper.originalId(event.requestId());
			rewritten |= originalId != event.requestId();
			forwarded.add((originalId != event.requestId()) ? event.withRequestId(originalId) : event);
			forwardedPolicy = (byte) Math.max(forwardedPolicy,
					this.suspendPolicies.getOrDefault(originalId, composite.suspendPolicy()));
		}
		if (prepared.isEmpty()) {
			this.debugger.write(rewritten ? packet.withData(composite.toData(forwarded)) : packet);
			return;
		}
		// The debugger resumes only what its own requests suspended; the relay resumes
		// the rest, once the breakpoints are set in the new version (the loading thread
		// stays suspended until then) and the debugger sees its events of the set only
		// after that.
		JdwpPacket withoutOwn = packet.withData(composite.withSuspendPolicy(forwardedPolicy).toData(forwarded));
		byte ownPolicy = (forwardedPolicy < composite.suspendPolicy()) ? composite.suspendPolicy() : Jdwp.SUSPEND_NONE;
		long thread = ownThread;
		onWorker(() -> {
			for (ClassPrepared version : prepared) {
				keeper.classPrepared(version);
			}
			if (!forwarded.isEmpty()) {
				this.debugger.write(withoutOwn);
			}
			resume(commands, ownPolicy, thread);
		});
	}

	private static void resume(VmCommands commands, byte suspendPolicy, long thread) {
		if (suspendPolicy == Jdwp.SUSPEND_EVENT_THREAD) {
			commands.send(Jdwp.THREAD_REFERENCE, Jdwp.THREAD_RESUME, commands.output().writeObjectId(thread).toByteArray());
		}
		else if (suspendPolicy != Jdwp.SUSPEND_NONE) {
			commands.send(Jdwp.VIRTUAL_MACHINE, Jdwp.RESUME_ALL, new byte[0]);
		}
	}

	/**
	 * Redefine classes of a generation and arm the breakpoints in them again, on the
	 * worker thread.
	 * @param generation the generation
	 * @param classes binary class name to new class file bytes
	 * @param done called with {@code null} when done, or with why not
	 */
	void redefine(int generation, Map<String, byte[]> classes, Consumer<@Nullable String> done) {
		GenerationRedefiner redefiner = this.redefiner;
		if (redefiner == null) {
			done.accept("no debugger is connected through the relay");
			return;
		}
		try {
			this.worker.execute(() -> {
				try {
					redefiner.redefine(generation, classes);
					done.accept(null);
				}
				catch (JdwpException | RuntimeException ex) {
					done.accept(ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			done.accept("the debugger disconnected");
		}
	}

	private void onWorker(WorkerTask task) {
		try {
			this.worker.execute(() -> {
				try {
					task.run();
				}
				catch (JdwpException | IOException | RuntimeException ex) {
					this.log.warn("Debug relay: " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the session ended
		}
	}

	void close() {
		this.debugger.close();
		JdwpConnection vm = this.vm;
		if (vm != null) {
			vm.close();
		}
		VmCommands commands = this.commands;
		if (commands != null) {
			commands.closed();
		}
		this.worker.shutdownNow();
	}

	@FunctionalInterface
	private interface WorkerTask {

		void run() throws JdwpException, IOException;

	}

}
