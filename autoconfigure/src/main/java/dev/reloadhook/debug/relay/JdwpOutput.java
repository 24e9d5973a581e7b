package dev.reloadhook.debug.relay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the data of a JDWP packet, the counterpart of {@link JdwpInput}.
 *
 * @author reload-hook
 */
final class JdwpOutput {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final IdSizes sizes;

	JdwpOutput(IdSizes sizes) {
		this.sizes = sizes;
	}

	JdwpOutput writeByte(int value) {
		this.bytes.write(value);
		return this;
	}

	JdwpOutput writeInt(int value) {
		return writeNumber(value, 4);
	}

	JdwpOutput writeLong(long value) {
		return writeNumber(value, 8);
	}

	JdwpOutput writeNumber(long value, int size) {
		for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
			this.bytes.write((int) (value >>> shift) & 0xFF);
		}
		return this;
	}

	JdwpOutput writeObjectId(long id) {
		return writeNumber(id, this.sizes.object());
	}

	JdwpOutput writeReferenceTypeId(long id) {
		return writeNumber(id, this.sizes.referenceType());
	}

	JdwpOutput writeMethodId(long id) {
		return writeNumber(id, this.sizes.method());
	}

	JdwpOutput writeFieldId(long id) {
		return writeNumber(id, this.sizes.field());
	}

	JdwpOutput writeString(String value) {
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		writeInt(utf8.length);
		return writeBytes(utf8);
	}

	JdwpOutput writeLocation(Location location) {
		writeByte(location.typeTag());
		writeReferenceTypeId(location.classId());
		writeMethodId(location.methodId());
		return writeLong(location.index());
	}

	JdwpOutput writeBytes(byte[] value) {
		this.bytes.writeBytes(value);
		return this;
	}

	byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

}
