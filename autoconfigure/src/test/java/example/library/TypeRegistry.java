package example.library;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.ConcurrentLruCache;

/**
 * A library's static caches, the way real libraries keep them: a map keyed by classes, an
 * LRU cache and a shared object with a cache of its own. Outside {@code dev.reloadhook}
 * so that the sweep treats it as a library.
 */
public final class TypeRegistry {

	public static final Map<Object, Object> TYPES = new ConcurrentHashMap<>();

	public static final ConcurrentLruCache<Object, String> NAMES = new ConcurrentLruCache<>(16, String::valueOf);

	public static final ConcurrentLruCache<Object, String> BASE_NAMES = new ConcurrentLruCache<>(16,
			String::valueOf);

	public static final Accessor ACCESSOR = new Accessor();

	private TypeRegistry() {
	}

	/**
	 * A shared object that keeps its own cache in an instance field.
	 */
	public static final class Accessor {

		public final Map<Object, Object> methods = new HashMap<>();

	}

}
