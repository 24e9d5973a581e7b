package dev.reloadhook.debug.jdwp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One side of the relay: a socket that JDWP packets are read from by one thread and
 * written to by several (the other side's reader and the relay's own commands).
 *
 * @author reload-hook
 */
public final class JdwpConnection implements Closeable {

	private final Socket socket;

	private final DataInputStream input;

	private final DataOutputStream output;

	/**
	 * Create a connection over a connected socket.
	 * @param socket the socket
	 * @throws IOException if its streams cannot be opened
	 */
	public JdwpConnection(Socket socket) throws IOException {
		this.socket = socket;
		socket.setTcpNoDelay(true);
		this.input = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
		this.output = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
	}

	/**
	 * Read the peer's handshake.
	 * @throws IOException if it is not a JDWP handshake
	 */
	public void readHandshake() throws IOException {
		byte[] handshake = new byte[Jdwp.HANDSHAKE.length()];
		this.input.readFully(handshake);
		if (!Jdwp.HANDSHAKE.equals(new String(handshake, StandardCharsets.US_ASCII))) {
			throw new IOException("Not a JDWP handshake");
		}
	}

	/**
	 * Write the JDWP handshake.
	 * @throws IOException if it cannot be written
	 */
	public synchronized void writeHandshake() throws IOException {
		writeText(Jdwp.HANDSHAKE);
	}

	/**
	 * Write text, such as a refusal in place of the handshake.
	 * @param text the text, ASCII
	 * @throws IOException if it cannot be written
	 */
	public synchronized void writeText(String text) throws IOException {
		this.output.write(text.getBytes(StandardCharsets.US_ASCII));
		this.output.flush();
	}

	/**
	 * Read the next packet; for the one reader thread of this side only.
	 * @return the packet
	 * @throws IOException if the connection ended or the peer sent no packet
	 */
	public JdwpPacket read() throws IOException {
		return JdwpPacket.read(this.input);
	}

	/**
	 * Write a packet; any thread.
	 * @param packet the packet
	 * @throws IOException if it cannot be written
	 */
	public synchronized void write(JdwpPacket packet) throws IOException {
		packet.write(this.output);
		this.output.flush();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
