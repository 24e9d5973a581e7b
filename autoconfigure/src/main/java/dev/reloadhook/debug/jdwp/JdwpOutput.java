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

	public JdwpOutput(IdSizes sizes) {
		this.sizes = sizes;
	}

	public JdwpOutput writeByte(int value) {
		this.bytes.write(value);
		return this;
	}

	public JdwpOutput writeInt(int value) {
		return writeNumber(value, 4);
	}

	public JdwpOutput writeLong(long value) {
		return writeNumber(value, 8);
	}

	public JdwpOutput writeNumber(long value, int size) {
		for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
			this.bytes.write((int) (value >>> shift) & 0xFF);
		}
		return this;
	}

	public JdwpOutput writeObjectId(long id) {
		return writeNumber(id, this.sizes.object());
	}

	public JdwpOutput writeReferenceTypeId(long id) {
		return writeNumber(id, this.sizes.referenceType());
	}

	public JdwpOutput writeMethodId(long id) {
		return writeNumber(id, this.sizes.method());
	}

	public JdwpOutput writeFieldId(long id) {
		return writeNumber(id, this.sizes.field());
	}

	public JdwpOutput writeString(String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		writeInt(utf8.length);
		return writeBytes(utf8);
	}

	public JdwpOutput writeLocation(Location location) {
		writeByte(location.typeTag());
		writeReferenceTypeId(location.classId());
		writeMethodId(location.methodId());
		return writeLong(location.index());
	}

	public JdwpOutput writeBytes(byte[] value) {
		this.bytes.writeBytes(value);
		return this;
	}

	public byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

}
