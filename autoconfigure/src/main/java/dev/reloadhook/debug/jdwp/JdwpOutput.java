package dev.reloadhook.debug.jdwp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the data of a JDWP packet, the counterpart of {@link JdwpInput}.
 *
 * @author reload-hook
 */
public final class JdwpOutput {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final IdSizes sizes;

	/**
	 * Create an empty output.
	 * @param sizes the identifier sizes
	 */
	public JdwpOutput(IdSizes sizes) {
		this.sizes = sizes;
	}

	/**
	 * Write a byte.
	 * @param value the byte
	 * @return this output
	 */
	public JdwpOutput writeByte(int value) {
		this.bytes.write(value);
		return this;
	}

	/**
	 * Write a four-byte number.
	 * @param value the number
	 * @return this output
	 */
	public JdwpOutput writeInt(int value) {
		return writeNumber(value, 4);
	}

	/**
	 * Write an eight-byte number.
	 * @param value the number
	 * @return this output
	 */
	public JdwpOutput writeLong(long value) {
		return writeNumber(value, 8);
	}

	/**
	 * Write a big-endian number.
	 * @param value the number
	 * @param size its size in bytes
	 * @return this output
	 */
	public JdwpOutput writeNumber(long value, int size) {
		for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
			this.bytes.write((int) (value >>> shift) & 0xFF);
		}
		return this;
	}

	/**
	 * Write an object id.
	 * @param id the id
	 * @return this output
	 */
	public JdwpOutput writeObjectId(long id) {
		return writeNumber(id, this.sizes.object());
	}

	/**
	 * Write a reference type id.
	 * @param id the id
	 * @return this output
	 */
	public JdwpOutput writeReferenceTypeId(long id) {
		return writeNumber(id, this.sizes.referenceType());
	}

	/**
	 * Write a method id.
	 * @param id the id
	 * @return this output
	 */
	public JdwpOutput writeMethodId(long id) {
		return writeNumber(id, this.sizes.method());
	}

	/**
	 * Write a field id.
	 * @param id the id
	 * @return this output
	 */
	public JdwpOutput writeFieldId(long id) {
		return writeNumber(id, this.sizes.field());
	}

	/**
	 * Write a string, its UTF-8 length first.
	 * @param value the string
	 * @return this output
	 */
	public JdwpOutput writeString(String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		writeInt(utf8.length);
		return writeBytes(utf8);
	}

	/**
	 * Write a location.
	 * @param location the location
	 * @return this output
	 */
	public JdwpOutput writeLocation(Location location) {
		writeByte(location.typeTag());
		writeReferenceTypeId(location.classId());
		writeMethodId(location.methodId());
		return writeLong(location.index());
	}

	/**
	 * Write bytes as they are.
	 * @param value the bytes
	 * @return this output
	 */
	public JdwpOutput writeBytes(byte[] value) {
		this.bytes.writeBytes(value);
		return this;
	}

	/**
	 * Return what was written.
	 * @return the bytes
	 */
	public byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

}
