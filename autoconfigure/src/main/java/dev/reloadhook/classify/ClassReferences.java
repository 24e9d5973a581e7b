package dev.reloadhook.classify;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.springframework.asm.ClassReader;

/**
 * The classes a class file refers to, read from its constant pool: the classes it names
 * and those its field and method descriptors and generic signatures mention. Constants
 * that javac inlined leave no trace there.
 *
 * @author reload-hook
 */
public final class ClassReferences {

	private static final int UTF8 = 1;

	private ClassReferences() {
	}

	/**
	 * Return the internal names (e.g. {@code com/example/Foo}) of the classes a class file
	 * refers to, its own name included.
	 * @param classFile the class file's bytes
	 * @return the referenced class names
	 */
	public static Set<String> of(byte[] classFile) {
		ClassReader reader = new ClassReader(classFile);
		Set<String> names = new HashSet<>();
		for (int item = 1; item < reader.getItemCount(); item++) {
			int offset = reader.getItem(item);
			// Class entries point at UTF8 entries, and every descriptor and signature is one:
			// reading all of them finds both. (Names are ASCII in practice, where modified
			// UTF-8 and UTF-8 agree.)
			if (offset > 0 && classFile[offset - 1] == UTF8) {
				int length = reader.readUnsignedShort(offset);
				addNames(new String(classFile, offset + 2, length, StandardCharsets.UTF_8), names);
			}
		}
		return names;
	}

	private static void addNames(String text, Set<String> names) {
		if (text.indexOf('(') < 0 && text.indexOf(';') < 0) {
			names.add(text);
			return;
		}
		int start = text.indexOf('L');
		while (start >= 0) {
			int end = start + 1;
			while (end < text.length() && ";<".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			if (end < text.length()) {
				names.add(text.substring(start + 1, end));
			}
			start = text.indexOf('L', end);
		}
	}

}
