package dev.reloadhook.debug.jdwp;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads the data of a JDWP packet: big-endian numbers, identifiers of the sizes the
 * virtual machine announced, strings, locations and tagged values.
 *
 * @author reload-hook
 */
public final class JdwpInput {

	private final byte[] data;

	private final @Nullable IdSizes sizes;

	private int position;

	/**
	 * Read data from its start.
	 * @param data the data
	 * @param sizes the identifier sizes, {@code null} before they are known
	 */
	public JdwpInput(byte[] data, @Nullable IdSizes sizes) {
		this(data, sizes, 0);
	}

	/**
	 * Read data from a position.
	 * @param data the data
	 * @param sizes the identifier sizes, {@code null} before they are known
	 * @param position where to start
	 */
	public JdwpInput(byte[] data, @Nullable IdSizes sizes, int position) {
		this.data = data;
		this.sizes = sizes;
		this.position = position;
	}

	/**
	 * Return where the next read starts.
	 * @return the position
	 */
	public int position() {
		return this.position;
	}

	/**
	 * Read a byte.
	 * @return the byte
	 */
	public byte readByte() {
		return this.data[this.position++];
	}

	/**
	 * Read a four-byte number.
	 * @return the number
	 */
	public int readInt() {
		return (int) readNumber(4);
	}

	/**
	 * Read an eight-byte number.
	 * @return the number
	 */
	public long readLong() {
		return readNumber(8);
	}

	/**
	 * Read a big-endian number.
	 * @param size its size in bytes
	 * @return the number
	 */
	public long readNumber(int size) {
		long value = 0;
		for (int i = 0; i < size; i++) {
			value = (value << 8) | (this.data[this.position++] & 0xFF);
		}
		return value;
	}

	/**
	 * Read an object id.
	 * @return the id
	 */
	public long readObjectId() {
		return readNumber(sizes().object());
	}

	/**
	 * Read a reference type id.
	 * @return the id
	 */
	public long readReferenceTypeId() {
		return readNumber(sizes().referenceType());
	}

	/**
	 * Read a method id.
	 * @return the id
	 */
	public long readMethodId() {
		return readNumber(sizes().method());
	}

	/**
	 * Read a field id.
	 * @return the id
	 */
	public long readFieldId() {
		return readNumber(sizes().field());
	}

	/**
	 * Read a string, UTF-8 after its length.
	 * @return the string
	 */
	public String readString() {
		int length = readInt();
		String value = new String(this.data, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	/**
	 * Read a location.
	 * @return the location
	 */
	public Location readLocation() {
		return new Location(readByte(), readReferenceTypeId(), readMethodId(), readLong());
	}

	/**
	 * Skip bytes.
	 * @param bytes how many
	 */
	public void skip(int bytes) {
		this.position += bytes;
	}

	/**
	 * Skip a value preceded by its tag (JDWP "value").
	 */
	public void skipTaggedValue() {
		skip(valueSize(readByte()));
	}

	private int valueSize(byte tag) {
		return switch (tag) {
			case 'B', 'Z' -> 1;
			case 'C', 'S' -> 2;
			case 'F', 'I' -> 4;
			case 'D', 'J' -> 8;
			case 'V' -> 0;
			default -> sizes().object();
		};
	}

	private IdSizes sizes() {
		if (this.sizes == null) {
			throw new IllegalStateException("Identifier sizes are not known yet");
		}
		return this.sizes;
	}

}
