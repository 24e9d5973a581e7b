package dev.reloadhook.debug.relay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.debug.jdwp.IdSizes;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpConnection;
import dev.reloadhook.debug.jdwp.JdwpPacket;

/**
 * The start of a session: the handshake with the JDWP agent, the identifier sizes the relay
 * needs to read packets, then the handshake with the debugger, whose own handshake was
 * read already.
 *
 * @author reload-hook
 */
final class Handshake {

	/** The relay's IDSizes command, sent before any debugger packet is forwarded. */
	static final int ID_SIZES_PACKET = 0x6FFFFFFF;

	private Handshake() {
	}

	/**
	 * Complete the handshakes on both sides.
	 * @param debugger the debugger, whose handshake was read
	 * @param vm the JDWP agent, connected
	 * @return the virtual machine's identifier sizes
	 * @throws IOException if either side is not (or no longer) there
	 */
	static IdSizes complete(JdwpConnection debugger, JdwpConnection vm) throws IOException {
		vm.writeHandshake();
		vm.readHandshake();
		List<JdwpPacket> early = new ArrayList<>();
		IdSizes sizes = readIdSizes(vm, early);
		debugger.writeHandshake();
		// Events the agent sent before the relay's reply (VM_START) are the debugger's.
		for (JdwpPacket packet : early) {
			debugger.write(packet);
		}
		return sizes;
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

}
