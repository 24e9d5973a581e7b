package dev.reloadhook.debug.relay;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.JdwpConnection;
import dev.reloadhook.debug.jdwp.JdwpException;
import dev.reloadhook.debug.jdwp.JdwpInput;
import dev.reloadhook.debug.jdwp.JdwpOutput;
import dev.reloadhook.debug.jdwp.JdwpPacket;

/**
 * The relay's own commands to the virtual machine. They carry packet ids from a range no
 * debugger uses, and their replies are taken out of the stream before it reaches the
 * debugger. Only the relay's worker thread waits for replies: the reader threads never
 * block on them.
 *
 * @author reload-hook
 */
final class VmCommands {

	/** Debuggers count their packet ids up from 1; the relay's start far above. */
	private static final int FIRST_ID = 0x70000000;

	private static final long REPLY_TIMEOUT_SECONDS = 60;

	private final JdwpConnection vm;

	private final IdSizes sizes;

	private final AtomicInteger nextId = new AtomicInteger(FIRST_ID);

	private final Map<Integer, CompletableFuture<JdwpPacket>> pending = new ConcurrentHashMap<>();

	VmCommands(JdwpConnection vm, IdSizes sizes) {
		this.vm = vm;
		this.sizes = sizes;
	}

	IdSizes sizes() {
		return this.sizes;
	}

	JdwpOutput output() {
		return new JdwpOutput(this.sizes);
	}

	JdwpInput input(byte[] data) {
		return new JdwpInput(data, this.sizes);
	}

	/**
	 * Send a command and wait for its reply. Only for the worker thread.
	 * @param commandSet the command set
	 * @param command the command
	 * @param data the data
	 * @return a reader over the reply's data
	 * @throws JdwpException if the command failed or the connection ended
	 */
	JdwpInput call(int commandSet, int command, byte[] data) throws JdwpException {
		int id = this.nextId.getAndIncrement();
		CompletableFuture<JdwpPacket> reply = new CompletableFuture<>();
		this.pending.put(id, reply);
		try {
			this.vm.write(JdwpPacket.command(id, commandSet, command, data));
			// Long: while a debugger holds every thread the agent still answers, but a
			// loaded machine may be slow.
			JdwpPacket packet = reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (packet.errorCode() != 0) {
				throw new JdwpException("JDWP error " + packet.errorCode());
			}
			return input(packet.data());
		}
		catch (IOException | ExecutionException | TimeoutException ex) {
			throw new JdwpException("no reply from the JDWP agent: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JdwpException("interrupted");
		}
		finally {
			this.pending.remove(id);
		}
	}

	/**
	 * Send a command whose reply nobody waits for.
	 * @param commandSet the command set
	 * @param command the command
	 * @param data the data
	 */
	void send(int commandSet, int command, byte[] data) {
		int id = this.nextId.getAndIncrement();
		this.pending.put(id, new CompletableFuture<>());
		try {
			this.vm.write(JdwpPacket.command(id, commandSet, command, data));
		}
		catch (IOException ex) {
			this.pending.remove(id);
		}
	}

	/**
	 * Take a reply to one of the relay's commands.
	 * @param reply a reply from the virtual machine
	 * @return whether it answered one of the relay's commands (then it must not be
	 * forwarded)
	 */
	boolean complete(JdwpPacket reply) {
		CompletableFuture<JdwpPacket> waiting = this.pending.remove(reply.id());
		if (waiting == null) {
			return false;
		}
		waiting.complete(reply);
		return true;
	}

	void closed() {
		this.pending.values().forEach((waiting) -> waiting.completeExceptionally(new IOException("disconnected")));
		this.pending.clear();
	}

}
