package dev.reloadhook.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.bytecode.ClassShape;
import dev.reloadhook.watch.ChangedFile;
import dev.reloadhook.watch.FileTrees;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the serving generation's class files looked like: a digest of the bytes and of the
 * shape of each, by relative name. Digests rather than bytes keep the memory small.
 *
 * @author reload-hook
 */
public final class ClassFingerprints {

	private static final Log logger = LogFactory.getLog(ClassFingerprints.class);

	private final Map<String, Fingerprint> fingerprints = new ConcurrentHashMap<>();

	/**
	 * Record every class file below the given directories.
	 * @param roots the class directories
	 */
	public void recordAll(List<Path> roots) {
		for (Path root : roots) {
			for (Path file : classFiles(root)) {
				try {
					record(relativeName(root, file), Files.readAllBytes(file));
				}
				catch (IOException | RuntimeException ex) {
					// Unreadable or incomplete: it will show up as a change.
					logger.debug("Class file unreadable or incomplete; it will show up as a change", ex);
				}
			}
		}
	}

	/**
	 * Return the class files below the given directories that differ from the recorded
	 * ones: changed or new files, and recorded files that are gone.
	 * @param roots the class directories
	 * @return the differing files
	 */
	public List<ChangedFile> differences(List<Path> roots) {
		List<ChangedFile> differences = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Path root : roots) {
			for (Path file : classFiles(root)) {
				String name = relativeName(root, file);
				seen.add(name);
				Fingerprint recorded = this.fingerprints.get(name);
				try {
					if (recorded == null || !recorded.bytes().equals(digest(Files.readAllBytes(file)))) {
						differences.add(new ChangedFile(root, file,
								(recorded != null) ? ChangedFile.Kind.MODIFIED : ChangedFile.Kind.ADDED));
					}
				}
				catch (IOException ex) {
					differences.add(new ChangedFile(root, file, ChangedFile.Kind.MODIFIED));
				}
			}
		}
		if (!roots.isEmpty()) {
			this.fingerprints.keySet()
				.stream()
				.filter((name) -> !seen.contains(name))
				.forEach((name) -> differences.add(new ChangedFile(roots.get(0), roots.get(0).resolve(name),
						ChangedFile.Kind.DELETED)));
		}
		return differences;
	}

	private static List<Path> classFiles(Path root) {
		return FileTrees.files(root, ".class");
	}

	private static String relativeName(Path root, Path file) {
		return root.relativize(file).toString().replace('\\', '/');
	}

	/**
	 * Record the class file the serving generation now uses.
	 * @param name the relative name
	 * @param bytes its bytes
	 */
	public void record(String name, byte[] bytes) {
		ClassShape.Parts parts = ClassShape.parts(bytes);
		this.fingerprints.put(name, new Fingerprint(digest(bytes), digest(parts.shape().getBytes()),
				digest(parts.startupCode().getBytes())));
	}

	/**
	 * Forget a deleted class file.
	 * @param name the relative name
	 */
	public void forget(String name) {
		this.fingerprints.remove(name);
	}

	@Nullable Fingerprint get(String name) {
		return this.fingerprints.get(name);
	}

	static String digest(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Fingerprint(String bytes, String shape, String startupCode) {
	}

}
