package dev.reloadhook.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.bytecode.ClassShape;
import dev.reloadhook.watch.ChangedFile;
import org.jspecify.annotations.Nullable;

/**
 * Decides how to apply a change set by comparing each file with the serving
 * generation's: identical bytes need nothing, a different body only a hot swap, anything
 * else (structure, annotations, new or deleted classes, any other file such as
 * {@code application.properties} whose bytes changed) a restart.
 *
 * @author reload-hook
 */
public final class ChangeClassifier {

	private final ClassFingerprints fingerprints;

	private final ResourceFingerprints resources;

	/**
	 * Create a classifier that knows no resource: every changed resource restarts.
	 * @param fingerprints the serving generation's class files
	 */
	public ChangeClassifier(ClassFingerprints fingerprints) {
		this(fingerprints, new ResourceFingerprints());
	}

	/**
	 * Create a classifier.
	 * @param fingerprints the serving generation's class files
	 * @param resources the serving generation's other files
	 */
	public ChangeClassifier(ClassFingerprints fingerprints, ResourceFingerprints resources) {
		this.fingerprints = fingerprints;
		this.resources = resources;
	}

	/**
	 * Record the files the first generation starts with: every class file and resource
	 * below the class directories.
	 * @param roots the class directories
	 */
	public void recordAll(List<Path> roots) {
		this.fingerprints.recordAll(roots);
		this.resources.recordAll(roots);
	}

	/**
	 * Classify a change set.
	 * @param files the changed files
	 * @return the verdict
	 */
	public Classification classify(List<ChangedFile> files) {
		ChangeKind strongest = ChangeKind.NO_OP;
		String reason = "nothing changed";
		List<ClassChange> changes = new ArrayList<>();
		List<ChangedFile> applicable = new ArrayList<>();
		for (ChangedFile file : files) {
			Verdict verdict = verdict(file);
			if (verdict.change() != null) {
				changes.add(verdict.change());
			}
			if (file.isClassFile() || verdict.kind() != ChangeKind.NO_OP) {
				applicable.add(file);
			}
			if (verdict.kind().compareTo(strongest) > 0) {
				strongest = verdict.kind();
				reason = verdict.reason();
			}
		}
		return new Classification(strongest, reason, changes, applicable);
	}

	private Verdict verdict(ChangedFile file) {
		String name = file.relativeName();
		if (!file.isClassFile()) {
			return resourceVerdict(file, name);
		}
		String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
		if (file.kind() == ChangedFile.Kind.DELETED) {
			if (this.fingerprints.get(name) == null) {
				// Say a class whose generation failed to start: the serving one never had
				// it, so without it the class directories are what it serves again.
				return new Verdict(ChangeKind.NO_OP, className + " was deleted, which the serving generation never had",
						null);
			}
			return new Verdict(ChangeKind.RESTART, className + " was deleted",
					new ClassChange(className, new byte[0], ChangeKind.RESTART));
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file.path());
		}
		catch (IOException ex) {
			return new Verdict(ChangeKind.RESTART, className + " could not be read", null);
		}
		ClassFingerprints.Fingerprint old = this.fingerprints.get(name);
		if (old == null) {
			return new Verdict(ChangeKind.RESTART, className + " is new",
					new ClassChange(className, bytes, ChangeKind.RESTART));
		}
		if (old.bytes().equals(ClassFingerprints.digest(bytes))) {
			return new Verdict(ChangeKind.NO_OP, className + " is unchanged", null);
		}
		String shape;
		String startupCode;
		boolean configurer;
		try {
			ClassShape.Parts parts = ClassShape.parts(bytes);
			shape = ClassFingerprints.digest(parts.shape().getBytes());
			startupCode = ClassFingerprints.digest(parts.startupCode().getBytes());
			configurer = parts.configurer();
		}
		catch (RuntimeException ex) {
			return new Verdict(ChangeKind.RESTART, className + " is not a valid class file",
					new ClassChange(className, bytes, ChangeKind.RESTART));
		}
		if (!old.shape().equals(shape)) {
			return new Verdict(ChangeKind.RESTART, "the structure of " + className + " changed",
					new ClassChange(className, bytes, ChangeKind.RESTART));
		}
		if (!old.startupCode().equals(startupCode)) {
			// A hot swap would change code that already ran: the bean it made, or the handler
			// mappings and interceptors a configurer set up, stay as they were.
			String what = configurer ? "a @Bean method or configurer callback of " : "a @Bean method of ";
			return new Verdict(ChangeKind.RESTART,
					what + className + " changed (it runs only when the context starts)",
					new ClassChange(className, bytes, ChangeKind.RESTART));
		}
		return new Verdict(ChangeKind.HOTSWAP, "method bodies of " + className + " changed",
				new ClassChange(className, bytes, ChangeKind.HOTSWAP));
	}

	private Verdict resourceVerdict(ChangedFile file, String name) {
		if (file.kind() == ChangedFile.Kind.DELETED) {
			return new Verdict(ChangeKind.RESTART, name + " was deleted", null);
		}
		// Builds write resources again with the same bytes, or only touch them: whatever
		// the event, what counts is whether the bytes differ from those the serving
		// generation read.
		if (this.resources.isUnchanged(file.path())) {
			return new Verdict(ChangeKind.NO_OP, name + " is unchanged", null);
		}
		return new Verdict(ChangeKind.RESTART, name + " changed", null);
	}

	/**
	 * Record a classified change set as now applied to the serving generation.
	 * @param files the files of the change set
	 */
	public void applied(List<ChangedFile> files) {
		for (ChangedFile file : files) {
			if (!file.isClassFile()) {
				appliedResource(file);
				continue;
			}
			if (file.kind() == ChangedFile.Kind.DELETED) {
				this.fingerprints.forget(file.relativeName());
				continue;
			}
			try {
				this.fingerprints.record(file.relativeName(), Files.readAllBytes(file.path()));
			}
			catch (IOException | RuntimeException ex) {
				this.fingerprints.forget(file.relativeName());
			}
		}
	}

	private void appliedResource(ChangedFile file) {
		if (file.kind() == ChangedFile.Kind.DELETED) {
			this.resources.forget(file.path());
		}
		else {
			this.resources.record(file.path());
		}
	}

	private record Verdict(ChangeKind kind, String reason, @Nullable ClassChange change) {
	}

}
