package dev.reloadhook.debug.relay;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads the data of a JDWP packet: big-endian numbers, identifiers of the sizes the
 * virtual machine announced, strings, locations and tagged values.
 *
 * @author reload-hook
 */
final class JdwpInput {

	private final byte[] data;

	private final @Nullable IdSizes sizes;

	private int position;

	JdwpInput(byte[] data, @Nullable IdSizes sizes) {
		this(data, sizes, 0);
	}

	JdwpInput(byte[] data, @Nullable IdSizes sizes, int position) {
		this.data = data;
		this.sizes = sizes;
		this.position = position;
	}

	int position() {
		return this.position;
	}

	byte readByte() {
		return this.data[this.position++];
	}

	int readInt() {
		return (int) readNumber(4);
	}

	long readLong() {
		return readNumber(8);
	}

	long readNumber(int size) {
		long value = 0;
		for (int i = 0; i < size; i++) {
			value = (value << 8) | (this.data[this.position++] & 0xFF);
		}
		return value;
	}

	long readObjectId() {
		return readNumber(sizes().object());
	}

	long readReferenceTypeId() {
		return readNumber(sizes().referenceType());
	}

	long readMethodId() {
		return readNumber(sizes().method());
	}

	long readFieldId() {
		return readNumber(sizes().field());
	}

	String readString() {
		int length = readInt();
		String value = new String(this.data, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	Location readLocation() {
		return new Location(readByte(), readReferenceTypeId(), readMethodId(), readLong());
	}

	void skip(int bytes) {
		this.position += bytes;
	}

	/**
	 * Skip a value preceded by its tag (JDWP "value").
	 */
	void skipTaggedValue() {
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
