package dev.reloadhook.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.SpringAsmInfo;

/**
 * Tells whether a class file on disk is complete: a compiler may still be writing it when
 * the watcher looks.
 *
 * @author reload-hook
 */
final class ClassFileCheck {

	private ClassFileCheck() {
	}

	static boolean isComplete(Path classFile) {
		try {
			byte[] bytes = Files.readAllBytes(classFile);
			// A full visit reads every attribute, so a file cut anywhere fails here rather
			// than in the class loader of a new generation.
			new ClassReader(bytes).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
			}, 0);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
