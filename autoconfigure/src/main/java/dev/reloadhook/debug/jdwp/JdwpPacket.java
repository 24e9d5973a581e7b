package dev.reloadhook.debug.jdwp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One JDWP packet, command or reply, with its data undecoded.
 *
 * @param id the packet id, which pairs a reply with its command
 * @param flags {@link #REPLY} for a reply
 * @param commandSet the command set (commands only)
 * @param command the command (commands only)
 * @param errorCode the error code (replies only)
 * @param data the data
 * @author reload-hook
 */
public record JdwpPacket(int id, byte flags, byte commandSet, byte command, short errorCode, byte[] data) {

	/**
	 * The flag of a reply.
	 */
	public static final byte REPLY = (byte) 0x80;

	private static final int HEADER = 11;

	private static final int MAX_LENGTH = 16 * 1024 * 1024;

	/**
	 * Create a command.
	 * @param id the packet id
	 * @param commandSet the command set
	 * @param command the command
	 * @param data the data
	 * @return the packet
	 */
	public static JdwpPacket command(int id, int commandSet, int command, byte[] data) {
		return new JdwpPacket(id, (byte) 0, (byte) commandSet, (byte) command, (short) 0, data);
	}

	/**
	 * Create a reply.
	 * @param id the id of the command answered
	 * @param errorCode the error code, {@code 0} for none
	 * @param data the data
	 * @return the packet
	 */
	public static JdwpPacket reply(int id, short errorCode, byte[] data) {
		return new JdwpPacket(id, REPLY, (byte) 0, (byte) 0, errorCode, data);
	}

	/**
	 * Return whether this is a reply.
	 * @return whether it is
	 */
	public boolean isReply() {
		return (this.flags & REPLY) != 0;
	}

	/**
	 * Return whether this is a given command.
	 * @param commandSet the command set
	 * @param command the command
	 * @return whether it is
	 */
	public boolean is(int commandSet, int command) {
		return !isReply() && this.commandSet == (byte) commandSet && this.command == (byte) command;
	}

	/**
	 * Return the same packet with other data.
	 * @param data the data
	 * @return the packet
	 */
	public JdwpPacket withData(byte[] data) {
		return new JdwpPacket(this.id, this.flags, this.commandSet, this.command, this.errorCode, data);
	}

	/**
	 * Read a packet.
	 * @param input the stream
	 * @return the packet
	 * @throws IOException if the stream ended or holds no packet
	 */
	public static JdwpPacket read(DataInputStream input) throws IOException {
		int length = input.readInt();
		// Garbage, not a packet: a length that would not even hold the header, or one far
		// beyond any class file a debugger redefines.
		if (length < HEADER || length > MAX_LENGTH) {
			throw new IOException("Not a JDWP packet (length " + length + ")");
		}
		int id = input.readInt();
		byte flags = input.readByte();
		byte commandSet = 0;
		byte command = 0;
		short errorCode = 0;
		if ((flags & REPLY) != 0) {
			errorCode = input.readShort();
		}
		else {
			commandSet = input.readByte();
			command = input.readByte();
		}
		byte[] data = new byte[length - HEADER];
		input.readFully(data);
		return new JdwpPacket(id, flags, commandSet, command, errorCode, data);
	}

	/**
	 * Write the packet.
	 * @param output the stream
	 * @throws IOException if it cannot be written
	 */
	public void write(DataOutputStream output) throws IOException {
		output.writeInt(HEADER + this.data.length);
		output.writeInt(this.id);
		output.writeByte(this.flags);
		if (isReply()) {
			output.writeShort(this.errorCode);
		}
		else {
			output.writeByte(this.commandSet);
			output.writeByte(this.command);
		}
		output.write(this.data);
	}

}
