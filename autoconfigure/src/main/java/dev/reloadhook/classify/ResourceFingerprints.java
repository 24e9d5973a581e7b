package dev.reloadhook.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.reloadhook.watch.FileTrees;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the serving generation's resources (the class directories' files other than class
 * files, such as {@code application.properties}) looked like: a digest of each, by
 * absolute path. A build that writes a resource again with the same bytes (Maven's
 * resources plugin does on every {@code mvn compile}) then changes nothing.
 * <p>
 * A resource without a digest always counts as changed: one that was not there or not
 * readable when recorded, one larger than {@link #MAX_SIZE} (not worth reading on every
 * change), one in a watched directory that is not a class directory.
 *
 * @author reload-hook
 */
public final class ResourceFingerprints {

	/** Larger resources are not digested: they always count as changed. */
	public static final long MAX_SIZE = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(ResourceFingerprints.class);

	private final Map<Path, String> digests = new ConcurrentHashMap<>();

	/**
	 * The digest each resource had when last compared: what a reload that applies it
	 * learns. Reading the file again once the reload is done could learn a newer write
	 * that no generation has read, and that write would then look unchanged.
	 */
	private final Map<Path, String> compared = new ConcurrentHashMap<>();

	private final Predicate<String> ignored;

	/**
	 * Create fingerprints that cover every resource.
	 */
	public ResourceFingerprints() {
		this((name) -> false);
	}

	/**
	 * Create fingerprints.
	 * @param ignored which relative names (e.g. {@code static/app.css}) to leave out:
	 * those whose changes never reach the classifier
	 */
	public ResourceFingerprints(Predicate<String> ignored) {
		this.ignored = ignored;
	}

	/**
	 * Record every resource below the given directories.
	 * @param roots the class directories
	 */
	public void recordAll(List<Path> roots) {
		for (Path root : roots) {
			FileTrees.walk(root, (file, attributes) -> {
				String name = root.relativize(file).toString().replace('\\', '/');
				if (!name.endsWith(".class") && !this.ignored.test(name) && attributes.size() <= MAX_SIZE) {
					String digest = digest(file);
					if (digest != null) {
						this.digests.put(key(file), digest);
					}
				}
			});
		}
	}

	/**
	 * Record the resource the serving generation now uses, as it was when last
	 * {@link #isUnchanged compared}; a resource that could not be read or is too large
	 * is forgotten, so that it counts as changed.
	 * @param file the resource
	 */
	public void record(Path file) {
		Path key = key(file);
		String digest = this.compared.remove(key);
		if (digest == null) {
			digest = digest(file);
		}
		if (digest != null) {
			this.digests.put(key, digest);
		}
		else {
			this.digests.remove(key);
		}
	}

	/**
	 * Forget a deleted resource.
	 * @param file the resource
	 */
	public void forget(Path file) {
		this.digests.remove(key(file));
		this.compared.remove(key(file));
	}

	/**
	 * Return whether a resource has the bytes the serving generation started with.
	 * @param file the resource
	 * @return whether it was recorded and its bytes are the same now
	 */
	public boolean isUnchanged(Path file) {
		Path key = key(file);
		String digest = digest(file);
		if (digest == null) {
			this.compared.remove(key);
			return false;
		}
		this.compared.put(key, digest);
		return digest.equals(this.digests.get(key));
	}

	private static Path key(Path file) {
		return file.toAbsolutePath().normalize();
	}

	private static @Nullable String digest(Path file) {
		try {
			if (Files.size(file) > MAX_SIZE) {
				return null;
			}
			return ClassFingerprints.digest(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			// Gone or unreadable: it will show up as a change.
			logger.debug("Resource unreadable; it will show up as a change: " + file, ex);
			return null;
		}
	}

}
