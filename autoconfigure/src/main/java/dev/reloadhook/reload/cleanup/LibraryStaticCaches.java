package dev.reloadhook.reload.cleanup;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentLruCache;
import org.springframework.util.ReflectionUtils;

/**
 * Removes, from the caches that libraries keep in static fields, the entries that belong
 * to a closing generation: a key or value that is one of its classes, its class loader, or
 * an object of one of its classes. Other entries stay, so library metadata stays warm.
 * <p>
 * Every loaded class outside the generations is looked at (a general sweep, so a library
 * nobody listed is covered too), in classes already initialized: static fields that are a
 * {@link Map} or a {@link ConcurrentLruCache}, and the map fields of a library object held
 * in a static field (a shared accessor with caches of its own, such as Thymeleaf's
 * property accessor). Without an
 * instrumentation (no list of loaded classes), the caches known to hold application
 * classes are swept.
 *
 * @author reload-hook
 */
public final class LibraryStaticCaches {

	private static final Log logger = LogFactory.getLog(LibraryStaticCaches.class);

	/**
	 * Known to keep application classes deep inside their keys (Spring Data's type caches,
	 * keyed by resolvable types whose variable resolvers reach the declaring classes):
	 * cleared whole, the fast path.
	 */
	private static final List<String> KNOWN = List.of("org.springframework.data.core.ClassTypeInformation",
			"org.springframework.data.core.TypeDiscoverer", "org.springframework.data.util.ClassTypeInformation",
			"org.springframework.data.util.TypeDiscoverer");

	/**
	 * Known to keep application classes in caches of the objects their static maps hold,
	 * two levels down (Spring Security's annotation scanners, one per annotation type, each
	 * with caches keyed by the methods and parameters of the beans it checked): swept in
	 * those objects.
	 */
	private static final List<String> KNOWN_NESTED = List
		.of("org.springframework.security.core.annotation.SecurityAnnotationScanners");

	private static final @Nullable Method SHOULD_BE_INITIALIZED = shouldBeInitialized();

	private static final @Nullable Object UNSAFE = unsafe();

	private LibraryStaticCaches() {
	}

	/**
	 * Remove the entries of a closing generation.
	 * @param classLoader the generation's class loader
	 * @param instrumentation the instrumentation, to list loaded classes, may be {@code null}
	 * @return how many entries were removed
	 */
	static int evict(ClassLoader classLoader, @Nullable Instrumentation instrumentation) {
		Predicate<@Nullable Object> belongs = (object) -> belongs(object, classLoader);
		ClassLoader base = LibraryStaticCaches.class.getClassLoader();
		int removed = clearKnown(base);
		removed += evictKnownNested(base, belongs);
		List<Class<?>> candidates = candidates(classLoader, instrumentation);
		for (Class<?> type : candidates) {
			int[] count = new int[1];
			StaticFields.forEach(type, LibraryStaticCaches::mayHoldCache,
					(field, value) -> count[0] += isCache(field.getType()) ? evict(value, belongs)
							: evictInstanceCaches(value, base, belongs));
			if (count[0] > 0 && logger.isDebugEnabled()) {
				logger.debug("Removed " + count[0] + " entries of a closed generation from " + type.getName());
			}
			removed += count[0];
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Swept the static caches of " + candidates.size() + " classes: " + removed
					+ " entries of a closed generation removed");
		}
		return removed;
	}

	/**
	 * Clear the caches known to hold application classes deep inside their entries.
	 * @param base the class loader of the libraries
	 * @return how many entries were cleared
	 */
	static int clearKnown(ClassLoader base) {
		int[] cleared = new int[1];
		for (String name : KNOWN) {
			if (ClassUtils.isPresent(name, base)) {
				StaticFields.forEach(ClassUtils.resolveClassName(name, base), (field) -> isCache(field.getType()),
						(field, value) -> {
							if (value instanceof Map<?, ?> map) {
								cleared[0] += map.size();
								map.clear();
							}
							else if (value instanceof ConcurrentLruCache<?, ?> lru) {
								cleared[0] += lru.size();
								lru.clear();
							}
						});
			}
		}
		return cleared[0];
	}

	private static int evictKnownNested(ClassLoader base, Predicate<@Nullable Object> belongs) {
		int[] removed = new int[1];
		for (String name : KNOWN_NESTED) {
			if (ClassUtils.isPresent(name, base)) {
				StaticFields.forEach(ClassUtils.resolveClassName(name, base), (field) -> isCache(field.getType()),
						(field, value) -> {
							if (value instanceof Map<?, ?> map) {
								for (Object held : List.copyOf(map.values())) {
									removed[0] += evictFieldCaches(held, base, belongs, 2);
								}
							}
						});
			}
		}
		return removed[0];
	}

	/** The map fields of a library object and, {@code depth} levels down, of the library objects it holds. */
	private static int evictFieldCaches(@Nullable Object value, ClassLoader base, Predicate<@Nullable Object> belongs,
			int depth) {
		if (value == null) {
			return 0;
		}
		int removed = 0;
		for (Class<?> type = value.getClass(); type != null && isLibraryClass(type, base); type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || !mayHoldCache(field)) {
					continue;
				}
				try {
					field.setAccessible(true);
					Object held = field.get(value);
					if (held instanceof Map<?, ?> || held instanceof ConcurrentLruCache<?, ?>) {
						removed += evict(held, belongs);
					}
					else if (depth > 1 && held != null && isLibraryClass(held.getClass(), base)) {
						removed += evictFieldCaches(held, base, belongs, depth - 1);
					}
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					logger.debug("Library cache not open to reflection; left as it is", ex);
				}
			}
		}
		return removed;
	}

	private static List<Class<?>> candidates(ClassLoader classLoader, @Nullable Instrumentation instrumentation) {
		List<Class<?>> candidates = new ArrayList<>();
		ClassLoader base = LibraryStaticCaches.class.getClassLoader();
		if (instrumentation == null || SHOULD_BE_INITIALIZED == null) {
			return candidates;
		}
		for (Class<?> type : instrumentation.getAllLoadedClasses()) {
			ClassLoader loader = type.getClassLoader();
			// Library classes only: loaded outside any generation, open to reflection,
			// and initialized (reading a static field would initialize the class).
			if (loader != null && !GenerationCaches.isAtOrBelow(loader, classLoader) && !type.isArray()
					&& !type.isPrimitive() && !type.getName().startsWith("dev.reloadhook.")
					&& isAtOrBelow(base, loader) && type.getModule().isOpen(type.getPackageName(),
							LibraryStaticCaches.class.getModule())
					&& isInitialized(type)) {
				candidates.add(type);
			}
		}
		return candidates;
	}

	private static boolean isAtOrBelow(ClassLoader candidate, ClassLoader ancestor) {
		return GenerationCaches.isAtOrBelow(candidate, ancestor);
	}

	private static boolean mayHoldCache(Field field) {
		Class<?> type = field.getType();
		return !type.isPrimitive() && !type.isArray() && !type.isEnum() && type != String.class && type != Class.class
				&& !ClassLoader.class.isAssignableFrom(type);
	}

	private static boolean isCache(Class<?> type) {
		return Map.class.isAssignableFrom(type) || ConcurrentLruCache.class.isAssignableFrom(type);
	}

	/** The map fields of a library object, one level deep, JDK classes excepted. */
	private static int evictInstanceCaches(@Nullable Object value, ClassLoader base,
			Predicate<@Nullable Object> belongs) {
		if (value == null || value instanceof Map<?, ?> || value instanceof ConcurrentLruCache<?, ?>) {
			return (value != null) ? evict(value, belongs) : 0;
		}
		int removed = 0;
		for (Class<?> type = value.getClass(); type != null && isLibraryClass(type, base); type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (!java.lang.reflect.Modifier.isStatic(field.getModifiers()) && isCache(field.getType())) {
					try {
						field.setAccessible(true);
						removed += evict(field.get(value), belongs);
					}
					catch (ReflectiveOperationException | RuntimeException ex) {
						// Not open to reflection: left as it is.
						logger.debug("Static cache not open to reflection; left as it is", ex);
					}
				}
			}
		}
		return removed;
	}

	private static boolean isLibraryClass(Class<?> type, ClassLoader base) {
		ClassLoader loader = type.getClassLoader();
		return loader != null && loader != ClassLoader.getPlatformClassLoader() && isAtOrBelow(base, loader)
				&& !type.getName().startsWith("dev.reloadhook.");
	}

	private static int evict(@Nullable Object cache, Predicate<@Nullable Object> belongs) {
		try {
			if (cache instanceof Map<?, ?> map) {
				int before = map.size();
				map.entrySet().removeIf((entry) -> belongs.test(entry.getKey()) || belongs.test(entry.getValue()));
				return Math.max(before - map.size(), 0);
			}
			if (cache instanceof ConcurrentLruCache<?, ?> lru) {
				return evict(lru, belongs);
			}
		}
		catch (RuntimeException ex) {
			// Unmodifiable, or changed while swept: left as it is.
			logger.debug("Static cache unmodifiable or changed while swept; left as it is", ex);
		}
		return 0;
	}

	private static int evict(ConcurrentLruCache<?, ?> lru, Predicate<@Nullable Object> belongs) {
		// Its entries are only readable through the map behind it; removal goes through
		// the cache itself, which keeps its eviction order consistent.
		if (!(PrivateFields.read(lru, "cache") instanceof Map<?, ?> map)) {
			return 0;
		}
		int belonging = 0;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (belongs.test(entry.getKey()) || belongs.test(nodeValue(entry.getValue()))) {
				belonging++;
			}
		}
		if (belonging > 0) {
			// Cleared whole: a removed entry stays in its eviction queue until the cache
			// is next written, which may be never.
			lru.clear();
		}
		return belonging;
	}

	private static @Nullable Object nodeValue(@Nullable Object node) {
		Method value = (node != null) ? ReflectionUtils.findMethod(node.getClass(), "getValue") : null;
		if (value == null) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(value);
			return ReflectionUtils.invokeMethod(value, node);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static boolean belongs(@Nullable Object object, ClassLoader classLoader) {
		if (object == null) {
			return false;
		}
		if (object instanceof ClassLoader loader) {
			return GenerationCaches.isAtOrBelow(loader, classLoader);
		}
		if (object instanceof Class<?> type) {
			return GenerationCaches.isAtOrBelow(type.getClassLoader(), classLoader);
		}
		if (object instanceof ResolvableType type) {
			return belongs(type, classLoader, 0);
		}
		if (object instanceof Member member) {
			return belongs(member.getDeclaringClass(), classLoader);
		}
		if (object instanceof Parameter parameter) {
			return belongs(parameter.getDeclaringExecutable().getDeclaringClass(), classLoader);
		}
		if (object instanceof Collection<?> collection && !collection.isEmpty()) {
			Object first = collection.iterator().next();
			return (first instanceof Class<?> || first instanceof ResolvableType) && belongs(first, classLoader);
		}
		return GenerationCaches.isAtOrBelow(object.getClass().getClassLoader(), classLoader)
				|| keyOf(object, classLoader);
	}

	/**
	 * Whether a type is one of the generation's, is declared by one of its methods or
	 * fields (a {@code List} returned by a repository method), or has one as a generic.
	 */
	private static boolean belongs(ResolvableType type, ClassLoader classLoader, int depth) {
		Object source = type.getSource();
		if (belongs(type.resolve(), classLoader)
				|| (source instanceof MethodParameter parameter && (belongs(parameter.getDeclaringClass(), classLoader)
						|| belongs(parameter.getContainingClass(), classLoader)))
				|| (source instanceof Member member && belongs(member.getDeclaringClass(), classLoader))) {
			return true;
		}
		if (depth < 3) {
			for (ResolvableType generic : type.getGenerics()) {
				if (belongs(generic, classLoader, depth + 1)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether a library's cache key names a class of the generation: keys are small
	 * objects with a class among their fields (Spring's {@code PropertyCacheKey}).
	 */
	private static boolean keyOf(Object object, ClassLoader classLoader) {
		Class<?> type = object.getClass();
		if (type.getClassLoader() == null || type.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
			return false;
		}
		for (Field field : type.getDeclaredFields()) {
			if (field.getType() == Class.class && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
				try {
					field.setAccessible(true);
					if (belongs(field.get(object), classLoader)) {
						return true;
					}
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					return false;
				}
			}
		}
		return false;
	}

	private static boolean isInitialized(Class<?> type) {
		try {
			return SHOULD_BE_INITIALIZED != null && !(Boolean) SHOULD_BE_INITIALIZED.invoke(UNSAFE, type);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return false;
		}
	}

	private static @Nullable Object unsafe() {
		try {
			Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
			field.setAccessible(true);
			return field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static @Nullable Method shouldBeInitialized() {
		// Tells whether a class is initialized without initializing it.
		try {
			return Class.forName("sun.misc.Unsafe").getMethod("shouldBeInitialized", Class.class);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

}
