package dev.reloadhook.reload;

import java.beans.Introspector;
import java.lang.reflect.Field;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.CachedIntrospectionResults;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ReflectionUtils;

/**
 * Clears the JDK and Spring caches that would otherwise keep a closed generation's
 * classes reachable. Spring's caches hold soft references, which a full GC does not
 * clear, so a closed generation would stay in memory until the heap runs short.
 *
 * @author reload-hook
 */
final class GenerationCaches {

	private static final Log logger = LogFactory.getLog(GenerationCaches.class);

	private GenerationCaches() {
	}

	static void clear(ClassLoader classLoader) {
		CachedIntrospectionResults.clearClassLoader(classLoader);
		ReflectionUtils.clearCache();
		AnnotationUtils.clearCache();
		ResolvableType.clearCache();
		Introspector.flushCaches();
		clearSpringFactoriesCache(classLoader);
	}

	private static void clearSpringFactoriesCache(ClassLoader classLoader) {
		// SpringFactoriesLoader keys its (soft) cache by class loader and offers no way to
		// evict one entry.
		Field field = ReflectionUtils.findField(SpringFactoriesLoader.class, "cache", Map.class);
		if (field == null) {
			return;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			Map<?, ?> cache = (Map<?, ?>) field.get(null);
			cache.remove(classLoader);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			logger.debug("Cannot clear SpringFactoriesLoader's cache", ex);
		}
	}

}
