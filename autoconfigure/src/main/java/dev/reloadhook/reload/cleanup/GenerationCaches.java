package dev.reloadhook.reload.cleanup;

import java.beans.Introspector;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.CachedIntrospectionResults;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.util.ReflectionUtils;

/**
 * Removes, from the JDK, Spring and library caches, the entries that would otherwise keep
 * a closed generation's classes reachable. Most hold soft references, which a full GC does
 * not clear, so a closed generation would stay in memory until the heap runs short.
 * <p>
 * Only the entries that reach the closing generation go (see
 * {@link GenerationReferences}): those of library classes (annotation metadata, declared
 * methods, resolved types of Spring's own classes) stay, so the next generation starts
 * with them warm instead of computing them again. The system property
 * {@value #CLEAR_ALL_PROPERTY} set to {@code true} clears them all instead, as before, to
 * measure what warm caches save.
 * <p>
 * Several of these caches are private: each is looked up by name and skipped when absent,
 * so a library upgrade can only make the cleanup less thorough, never fail a reload.
 *
 * @author reload-hook
 */
public final class GenerationCaches {

	/** The system property that makes every close clear the caches whole. */
	public static final String CLEAR_ALL_PROPERTY = "reload-hook.cleanup.clear-all-caches";

	private static final Log logger = LogFactory.getLog(GenerationCaches.class);

	private static final List<String> KNOWN_REFERENCE_CACHES = List.of(
			"org.springframework.context.annotation.BeanAnnotationHelper",
			"org.springframework.core.annotation.AnnotationsScanner",
			"org.springframework.core.annotation.AnnotationTypeMappings",
			"org.springframework.core.annotation.AttributeMethods",
			"org.springframework.core.annotation.OrderUtils", "org.springframework.core.GenericTypeResolver",
			"org.springframework.core.BridgeMethodResolver", "org.springframework.core.MethodIntrospector",
			"org.springframework.core.KotlinDetector", "org.springframework.util.ClassUtils",
			"org.springframework.beans.BeanUtils", "org.springframework.util.ReflectionUtils",
			"org.springframework.core.ResolvableType", "org.springframework.core.SerializableTypeWrapper",
			"org.springframework.context.event.AbstractApplicationEventMulticaster");

	private GenerationCaches() {
	}

	/**
	 * Keep the caches the generations share from handing a new one what an older one put
	 * there, which would keep the older one alive: called before a generation starts.
	 * @param base the class loader of the libraries
	 */
	public static void beforeLaunch(ClassLoader base) {
		LibraryStaticCaches.clearKnown(base);
		SharedTypeProxies.detachFromGenerations(base);
	}

	/**
	 * Remove the entries of a closing generation from the caches.
	 * @param classLoader the generation's class loader
	 * @param instrumentation the instrumentation, to list loaded classes, may be {@code null}
	 */
	public static void clear(ClassLoader classLoader, @Nullable Instrumentation instrumentation) {
		boolean clearAll = Boolean.getBoolean(CLEAR_ALL_PROPERTY);
		Predicate<@Nullable Object> reaches = clearAll ? (entry) -> true
				: new GenerationReferences(classLoader)::reach;
		CachedIntrospectionResults.clearClassLoader(classLoader);
		// Before the caches are cleared: a proxy the serving generation received from
		// the closing one is fixed where it is, not only forgotten by the cache.
		SharedTypeProxies.detach(classLoader);
		if (clearAll) {
			ReflectionUtils.clearCache();
			AnnotationUtils.clearCache();
			ResolvableType.clearCache();
		}
		// The JDK's bean infos are only read by CachedIntrospectionResults, which keeps
		// those of library classes itself.
		Introspector.flushCaches();
		// Keyed by class loader.
		evict("org.springframework.core.io.support.SpringFactoriesLoader", "cache",
				(key, value) -> key instanceof ClassLoader loader && isAtOrBelow(loader, classLoader));
		// Keyed by the CGLIB proxy classes it instantiated.
		evict("org.springframework.objenesis.SpringObjenesis", "cache",
				(key, value) -> key instanceof Class<?> type && isAtOrBelow(type.getClassLoader(), classLoader),
				"org.springframework.aop.framework.ObjenesisCglibAopProxy", "objenesis");
		// Keyed by environments, which reach the servlet context and its class loaders.
		evict("org.springframework.boot.actuate.autoconfigure.endpoint.condition.OnAvailableEndpointCondition",
				"exposureOutcomeContributorsCache", (key, value) -> true);
		evict("org.springframework.boot.actuate.autoconfigure.endpoint.condition.OnAvailableEndpointCondition",
				"accessResolversCache", (key, value) -> true);
		// Created lazily by the first generation, with property editors that hold its
		// class loader; the next use creates a new one.
		reset("org.springframework.boot.context.properties.bind.BindConverter", "sharedInstance");
		clearReferenceCaches(instrumentation, reaches);
		LibraryStaticCaches.evict(classLoader, instrumentation);
	}

	/**
	 * Spring keeps many more soft caches in static {@link ConcurrentReferenceHashMap}s
	 * (keyed by methods, classes, annotated elements of the application). They are caches:
	 * removing entries is always safe, and the serving generation fills them again on use. The
	 * loaded classes come from the instrumentation when there is one, else from a list of
	 * the caches known to hold application classes.
	 */
	private static void clearReferenceCaches(@Nullable Instrumentation instrumentation,
			Predicate<@Nullable Object> reaches) {
		ClassLoader base = GenerationCaches.class.getClassLoader();
		List<Class<?>> candidates = new ArrayList<>();
		if (instrumentation != null) {
			for (Class<?> type : instrumentation.getAllLoadedClasses()) {
				if (type.getClassLoader() == base && type.getName().startsWith("org.springframework.")) {
					candidates.add(type);
				}
			}
		}
		else {
			for (String name : KNOWN_REFERENCE_CACHES) {
				if (ClassUtils.isPresent(name, base)) {
					candidates.add(ClassUtils.resolveClassName(name, base));
				}
			}
		}
		for (Class<?> type : candidates) {
			clearStaticReferenceMaps(type, reaches);
		}
	}

	private static void clearStaticReferenceMaps(Class<?> type, Predicate<@Nullable Object> reaches) {
		// Declared as Map or ConcurrentMap mostly, or as a Spring type for a shared
		// instance: the value tells. Other fields are not read, so that no class is
		// initialized for nothing.
		StaticFields.forEach(type, (field) -> (field.getType() != Object.class
				&& field.getType().isAssignableFrom(ConcurrentReferenceHashMap.class))
				|| field.getType().getName().startsWith("org.springframework."), (field, value) -> {
					try {
						if (value instanceof ConcurrentReferenceHashMap<?, ?> cache) {
							evict(cache, reaches);
						}
						else if (value != null && value.getClass().getName().startsWith("org.springframework.")) {
							// A shared instance (such as DefaultConversionService's) may keep a
							// soft cache of its own, keyed by the application's types.
							clearInstanceReferenceMaps(value, reaches);
						}
					}
					catch (RuntimeException | LinkageError ex) {
						logger.debug("Cannot clear " + type.getName() + "." + field.getName(), ex);
					}
				});
	}

	private static void clearInstanceReferenceMaps(Object instance, Predicate<@Nullable Object> reaches) {
		ReflectionUtils.doWithFields(instance.getClass(), (field) -> {
			ReflectionUtils.makeAccessible(field);
			if (field.get(instance) instanceof ConcurrentReferenceHashMap<?, ?> cache) {
				evict(cache, reaches);
			}
		}, (field) -> !Modifier.isStatic(field.getModifiers())
				&& field.getType().isAssignableFrom(ConcurrentReferenceHashMap.class) && field.getType() != Object.class);
	}

	private static void evict(Map<?, ?> cache, Predicate<@Nullable Object> reaches) {
		cache.entrySet().removeIf((entry) -> reaches.test(entry.getKey()) || reaches.test(entry.getValue()));
	}

	static boolean isAtOrBelow(@Nullable ClassLoader candidate, ClassLoader classLoader) {
		for (ClassLoader current = candidate; current != null; current = current.getParent()) {
			if (current == classLoader) {
				return true;
			}
		}
		return false;
	}

	private static void evict(String className, String fieldName, BiPredicate<Object, Object> filter) {
		Object map = staticValue(className, fieldName);
		if (map instanceof Map<?, ?> cache) {
			cache.entrySet().removeIf((entry) -> filter.test(entry.getKey(), entry.getValue()));
		}
	}

	private static void evict(String className, String fieldName, BiPredicate<Object, Object> filter,
			String holderClassName, String holderFieldName) {
		Object holder = staticValue(holderClassName, holderFieldName);
		if (holder == null) {
			return;
		}
		Object map = instanceValue(holder, className, fieldName);
		if (map instanceof Map<?, ?> cache) {
			cache.entrySet().removeIf((entry) -> filter.test(entry.getKey(), entry.getValue()));
		}
	}

	private static void reset(String className, String fieldName) {
		Field field = field(className, fieldName);
		if (field != null) {
			try {
				field.set(null, null);
			}
			catch (IllegalAccessException | RuntimeException ex) {
				logger.debug("Cannot reset " + className + "." + fieldName, ex);
			}
		}
	}

	private static @Nullable Object staticValue(String className, String fieldName) {
		Field field = field(className, fieldName);
		try {
			return (field != null) ? field.get(null) : null;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			logger.debug("Cannot read " + className + "." + fieldName, ex);
			return null;
		}
	}

	private static @Nullable Object instanceValue(Object target, String className, String fieldName) {
		Field field = field(className, fieldName);
		try {
			return (field != null && field.getDeclaringClass().isInstance(target)) ? field.get(target) : null;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			logger.debug("Cannot read " + className + "." + fieldName, ex);
			return null;
		}
	}

	private static @Nullable Field field(String className, String fieldName) {
		ClassLoader classLoader = GenerationCaches.class.getClassLoader();
		if (!ClassUtils.isPresent(className, classLoader)) {
			return null;
		}
		try {
			return PrivateFields.find(ClassUtils.forName(className, classLoader), fieldName, null);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
