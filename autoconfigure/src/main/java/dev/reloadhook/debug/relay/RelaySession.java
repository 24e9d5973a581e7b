package dev.reloadhook.debug.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

import dev.reloadhook.debug.control.FromRelay;
import dev.reloadhook.debug.control.ToRelay;
import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.JdwpConnection;
import dev.reloadhook.debug.jdwp.JdwpException;
import org.jspecify.annotations.Nullable;

/**
 * One debugger's session through the relay, from its {@link Handshake} to its end: a
 * connection to the JDWP agent opened when the debugger connects, a reader thread per side
 * that {@link PacketRouter routes} packets, and a {@link SessionWorker worker} for
 * everything that needs the relay's own commands: remembering and re-arming breakpoints,
 * redefinitions.
 *
 * @author reload-hook
 */
final class RelaySession {

	private final JdwpConnection debugger;

	private final RelayLog log;

	private final SessionWorker worker;

	private @Nullable JdwpConnection vm;

	private @Nullable VmCommands commands;

	private volatile @Nullable GenerationRedefiner redefiner;

	RelaySession(JdwpConnection debugger, RelayLog log) {
		this.debugger = debugger;
		this.log = log;
		this.worker = new SessionWorker(log);
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
			IdSizes sizes = Handshake.complete(this.debugger, vm);
			VmCommands commands = new VmCommands(vm, sizes);
			ClassQueries classes = new ClassQueries(commands);
			BreakpointKeeper keeper = new BreakpointKeeper(commands, classes, this.log);
			this.commands = commands;
			this.redefiner = new GenerationRedefiner(commands, classes, keeper);
			PacketRouter router = new PacketRouter(this.debugger, vm, commands, keeper, new RequestTracker(),
					this.worker);
			Thread vmReader = new Thread(() -> {
				try {
					router.fromVm();
				}
				finally {
					close();
				}
			}, "relay-from-vm");
			vmReader.setDaemon(true);
			vmReader.start();
			connected.run();
			router.fromDebugger();
		}
		finally {
			close();
		}
	}

	/**
	 * Redefine classes of a generation and arm the breakpoints in them again, on the
	 * worker thread.
	 * @param request what to redefine
	 * @param done called with the answer
	 */
	void redefine(ToRelay.Redefine request, Consumer<FromRelay.Answer> done) {
		GenerationRedefiner redefiner = this.redefiner;
		if (redefiner == null) {
			done.accept(request.refused("no debugger is connected through the relay"));
			return;
		}
		boolean queued = this.worker.execute(() -> {
			try {
				redefiner.redefine(request.generation(), request.classes());
				done.accept(request.redefined());
			}
			catch (JdwpException | RuntimeException ex) {
				done.accept(request.refused(String.valueOf(ex.getMessage())));
			}
		});
		if (!queued) {
			done.accept(request.refused("the debugger disconnected"));
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
		this.worker.shutdown();
	}

}
