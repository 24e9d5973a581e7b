package dev.reloadhook.reload.bean;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Gives classes new names in a class file: every name in its constant pool (class
 * entries, descriptors, generic signatures, annotation values of class type) that is a
 * renamed top-level class or one of its nested classes gets the new name. Only UTF-8
 * constants change, so every index in the file stays valid and the rest of it is copied
 * as it is.
 *
 * @author reload-hook
 */
final class ClassRenamer {

	private static final int UTF8 = 1;

	/** Characters that may come before the {@code L} of a class type in a descriptor. */
	private static final String BEFORE_TYPE = "[();<>:^*+-";

	/** Characters that may follow a class name in a descriptor or signature. */
	private static final String AFTER_NAME = ";$<.";

	private ClassRenamer() {
	}

	/**
	 * Rename classes in a class file.
	 * @param bytes the class file
	 * @param renames new internal names of top-level classes by their internal names; their
	 * nested classes follow
	 * @return the class file with the new names
	 */
	static byte[] rename(byte[] bytes, Map<String, String> renames) {
		if (renames.isEmpty()) {
			return bytes;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length + 64);
			DataOutputStream out = new DataOutputStream(buffer);
			out.writeInt(in.readInt());
			out.writeShort(in.readUnsignedShort());
			out.writeShort(in.readUnsignedShort());
			int count = in.readUnsignedShort();
			out.writeShort(count);
			for (int index = 1; index < count; index++) {
				int tag = in.readUnsignedByte();
				out.writeByte(tag);
				if (tag == UTF8) {
					out.writeUTF(renamed(in.readUTF(), renames));
				}
				else {
					byte[] entry = new byte[entryLength(tag)];
					in.readFully(entry);
					out.write(entry);
					if (tag == 5 || tag == 6) {
						// A long or a double takes two entries.
						index++;
					}
				}
			}
			in.transferTo(out);
			return buffer.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not a class file", ex);
		}
	}

	private static int entryLength(int tag) throws IOException {
		return switch (tag) {
			case 7, 8, 16, 19, 20 -> 2;
			case 15 -> 3;
			case 3, 4, 9, 10, 11, 12, 17, 18 -> 4;
			case 5, 6 -> 8;
			default -> throw new IOException("Unknown constant pool tag " + tag);
		};
	}

	static String renamed(String text, Map<String, String> renames) {
		String result = text;
		for (Map.Entry<String, String> rename : renames.entrySet()) {
			result = replace(result, rename.getKey(), rename.getValue());
		}
		return result;
	}

	private static String replace(String text, String name, String newName) {
		int found = text.indexOf(name);
		if (found < 0) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length() + 16);
		int copied = 0;
		while (found >= 0) {
			int end = found + name.length();
			if (startsName(text, found) && (end == text.length() || AFTER_NAME.indexOf(text.charAt(end)) >= 0)) {
				result.append(text, copied, found).append(newName);
				copied = end;
			}
			found = text.indexOf(name, end);
		}
		return result.append(text, copied, text.length()).toString();
	}

	/** Whether a name starts at the index: the whole text, or a class type in a descriptor. */
	private static boolean startsName(String text, int index) {
		if (index == 0) {
			return true;
		}
		return text.charAt(index - 1) == 'L' && (index == 1 || BEFORE_TYPE.indexOf(text.charAt(index - 2)) >= 0);
	}

}
