package dev.reloadhook.bytecode;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.asm.ClassReader;

/**
 * The classes a class file refers to: every class name in its constant pool, whether as a
 * class entry, inside a field or method descriptor, a generic signature, an annotation
 * (descriptors and class values) or a string that spells a class name. Over-approximates
 * on purpose: a name that merely looks like a reference still counts.
 *
 * @author reload-hook
 */
public final class ClassReferences {

	private static final int UTF8 = 1;

	private static final int FIELD_REF = 9;

	private static final int METHOD_REF = 10;

	private static final int INTERFACE_METHOD_REF = 11;

	private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([^;<>.]+)[;<]");

	private ClassReferences() {
	}

	/**
	 * Return the internal names ({@code com/example/Foo}) a class file refers to.
	 * @param classFile the class file's bytes
	 * @return the referenced internal names, the class's own name included
	 */
	public static Set<String> of(byte[] classFile) {
		ClassReader reader = new ClassReader(classFile);
		Set<String> names = new HashSet<>();
		for (int item = 1; item < reader.getItemCount(); item++) {
			int offset = reader.getItem(item);
			// The second slot of a long or double constant has no entry.
			if (offset == 0 || reader.readByte(offset - 1) != UTF8) {
				continue;
			}
			add(names, utf8(reader, offset));
		}
		return names;
	}

	/**
	 * Return the fields and methods a class file uses (its field, method and interface
	 * method references), its own included.
	 * @param classFile the class file's bytes
	 * @return the member references
	 */
	public static List<Member> members(byte[] classFile) {
		ClassReader reader = new ClassReader(classFile);
		char[] buffer = new char[reader.getMaxStringLength()];
		List<Member> members = new ArrayList<>();
		for (int item = 1; item < reader.getItemCount(); item++) {
			int offset = reader.getItem(item);
			if (offset == 0) {
				continue;
			}
			int tag = reader.readByte(offset - 1);
			if (tag == FIELD_REF || tag == METHOD_REF || tag == INTERFACE_METHOD_REF) {
				String owner = reader.readClass(offset, buffer);
				int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
				members.add(new Member(owner, reader.readUTF8(nameAndType, buffer),
						reader.readUTF8(nameAndType + 2, buffer), tag == FIELD_REF));
			}
		}
		return members;
	}

	private static void add(Set<String> names, String value) {
		if (value.indexOf(';') < 0 && value.indexOf('(') < 0 && value.indexOf(' ') < 0) {
			// A class entry's name, or a class name in a string constant.
			names.add(value.replace('.', '/'));
		}
		Matcher matcher = DESCRIPTOR_TYPE.matcher(value);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
	}

	private static String utf8(ClassReader reader, int offset) {
		int length = reader.readUnsignedShort(offset);
		try {
			return new DataInputStream(new ByteArrayInputStream(reader.readBytes(offset, length + 2))).readUTF();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A field or method a class uses.
	 *
	 * @param owner the internal name of the class named in the reference
	 * @param name the member's name ({@code <init>} for a constructor)
	 * @param descriptor the member's descriptor
	 * @param field whether it is a field
	 */
	public record Member(String owner, String name, String descriptor, boolean field) {
	}

}
