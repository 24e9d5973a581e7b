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

	public JdwpInput(byte[] data, @Nullable IdSizes sizes) {
		this(data, sizes, 0);
	}

	public JdwpInput(byte[] data, @Nullable IdSizes sizes, int position) {
		this.data = data;
		this.sizes = sizes;
		this.position = position;
	}

	public int position() {
		return this.position;
	}

	public byte readByte() {
		return this.data[this.position++];
	}

	public int readInt() {
		return (int) readNumber(4);
	}

	public long readLong() {
		return readNumber(8);
	}

	public long readNumber(int size) {
		long value = 0;
		for (int i = 0; i < size; i++) {
			value = (value << 8) | (this.data[this.position++] & 0xFF);
		}
		return value;
	}

	public long readObjectId() {
		return readNumber(sizes().object());
	}

	public long readReferenceTypeId() {
		return readNumber(sizes().referenceType());
	}

	public long readMethodId() {
		return readNumber(sizes().method());
	}

	public long readFieldId() {
		return readNumber(sizes().field());
	}

	public String readString() {
		int length = readInt();
		String value = new String(this.data, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	public Location readLocation() {
		return new Location(readByte(), readReferenceTypeId(), readMethodId(), readLong());
	}

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
