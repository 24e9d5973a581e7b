package dev.reloadhook.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What the serving generation's class files looked like: a digest of the bytes and of the
 * shape of each, by relative name. Digests rather than bytes keep the memory small.
 *
 * @author reload-hook
 */
public final class ClassFingerprints {

	private final Map<String, Fingerprint> fingerprints = new ConcurrentHashMap<>();

	/**
	 * Record every class file below the given directories.
	 * @param roots the class directories
	 */
	public void recordAll(List<Path> roots) {
		for (Path root : roots) {
			if (!Files.isDirectory(root)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(root)) {
				files.filter((file) -> file.toString().endsWith(".class")).forEach((file) -> {
					try {
						record(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
					}
					catch (IOException | RuntimeException ex) {
						// Unreadable or incomplete: it will show up as a change.
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Record the class file the serving generation now uses.
	 * @param name the relative name
	 * @param bytes its bytes
	 */
	public void record(String name, byte[] bytes) {
		this.fingerprints.put(name, new Fingerprint(digest(bytes), digest(ClassShape.of(bytes).getBytes())));
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

	record Fingerprint(String bytes, String shape) {
	}

}
