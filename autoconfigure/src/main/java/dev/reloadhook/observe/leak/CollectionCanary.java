package dev.reloadhook.observe.leak;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;

import org.jspecify.annotations.Nullable;

/**
 * A class loader with one class of its own and nothing that holds it: it is reclaimed by
 * the first collection that unloads classes once it has aged into the old generation (a
 * concurrent cycle's remark leaves young objects alone). A canary created after a
 * generation's class loader is no older than that loader: once the canary is gone, a
 * collection that could have reclaimed the loader has run, without the detector forcing
 * one.
 *
 * @author reload-hook
 */
final class CollectionCanary {

	private static final String MARKER = Marker.class.getName();

	private final WeakReference<ClassLoader> loader;

	private CollectionCanary(ClassLoader loader) {
		this.loader = new WeakReference<>(loader);
	}

	/**
	 * Create a canary.
	 * @return the canary, or {@code null} when its class cannot be defined
	 */
	static @Nullable CollectionCanary create() {
		try (InputStream input = CollectionCanary.class
			.getResourceAsStream(MARKER.substring(MARKER.lastIndexOf('.') + 1) + ".class")) {
			if (input == null) {
				return null;
			}
			byte[] bytes = input.readAllBytes();
			CanaryLoader loader = new CanaryLoader();
			loader.define(bytes);
			return new CollectionCanary(loader);
		}
		catch (IOException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Whether a class-unloading collection ran since the canary was created.
	 * @return {@code true} once it is collected
	 */
	boolean isCollected() {
		// Not get(): on G1 it keeps the loader alive through the marking cycle it runs in, so
		// a check that looks often enough would never see the canary go.
		return this.loader.refersTo(null);
	}

	/** The class the canary loader defines: it refers to nothing but {@code Object}. */
	static final class Marker {

	}

	private static final class CanaryLoader extends ClassLoader {

		CanaryLoader() {
			super("reload-hook-canary", null);
		}

		void define(byte[] bytes) {
			defineClass(MARKER, bytes, 0, bytes.length);
		}

	}

}
