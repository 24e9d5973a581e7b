package dev.reloadhook.reload.bean;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The request mappings of a context's {@link RequestMappingHandlerMapping}s: removes a
 * bean's and detects another's the way the mappings do at startup, so that the same
 * configuration (path prefixes, CORS, content negotiation) applies.
 *
 * @author reload-hook
 */
final class HandlerMappings {

	private static final Method IS_HANDLER = accessible(
			ReflectionUtils.findMethod(RequestMappingHandlerMapping.class, "isHandler", Class.class));

	private static final Method DETECT_HANDLER_METHODS = accessible(
			ReflectionUtils.findMethod(RequestMappingHandlerMapping.class, "detectHandlerMethods", Object.class));

	private static final Field MAPPING_REGISTRY = accessible(
			ReflectionUtils.findField(AbstractHandlerMethodMapping.class, "mappingRegistry"));

	/** The name of the mapping Spring MVC's configuration defines for controllers. */
	static final String MAIN_MAPPING = "requestMappingHandlerMapping";

	private final List<RequestMappingHandlerMapping> mappings;

	private final @Nullable RequestMappingHandlerMapping main;

	private HandlerMappings(Map<String, RequestMappingHandlerMapping> mappings) {
		this.mappings = List.copyOf(mappings.values());
		this.main = mappings.get(MAIN_MAPPING);
	}

	static HandlerMappings of(ApplicationContext context) {
		return new HandlerMappings(context.getBeansOfType(RequestMappingHandlerMapping.class, false, false));
	}

	/**
	 * Remove the mappings whose handler is the given bean.
	 * @param beanName the bean's name
	 * @return the handler mappings that mapped it
	 */
	List<RequestMappingHandlerMapping> unregister(String beanName) {
		List<RequestMappingHandlerMapping> removed = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : this.mappings) {
			List<RequestMappingInfo> infos = new ArrayList<>();
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				if (beanName.equals(entry.getValue().getBean())) {
					infos.add(entry.getKey());
				}
			}
			infos.forEach(mapping::unregisterMapping);
			if (!infos.isEmpty()) {
				removed.add(mapping);
			}
		}
		return removed;
	}

	/**
	 * Register the handler methods of a new bean with Spring MVC's main mapping, as its
	 * initialization does for the controllers of the context. Other mappings (such as the
	 * actuator's) take only handlers of their own.
	 * @param beanName the bean's name
	 * @param type the bean's class
	 */
	void detect(String beanName, Class<?> type) {
		detect(beanName, type, (this.main != null) ? List.of(this.main) : List.of());
	}

	private void detect(String beanName, Class<?> type, List<RequestMappingHandlerMapping> targets) {
		for (RequestMappingHandlerMapping mapping : targets) {
			if (Boolean.TRUE.equals(ReflectionUtils.invokeMethod(IS_HANDLER, mapping, type))) {
				ReflectionUtils.invokeMethod(DETECT_HANDLER_METHODS, mapping, beanName);
			}
		}
	}

	/**
	 * Replace one bean's mappings with another's. Lookups wait while it runs (the mappings'
	 * own lock is held for writing), so that no request finds neither.
	 * @param previous the name of the bean whose mappings are removed
	 * @param replacement the name of the bean whose mappings are added
	 * @param type the replacement's class
	 */
	void swap(String previous, String replacement, Class<?> type) {
		List<Lock> locks = new ArrayList<>();
		try {
			for (RequestMappingHandlerMapping mapping : this.mappings) {
				Lock lock = writeLock(mapping);
				if (lock != null) {
					lock.lock();
					locks.add(lock);
				}
			}
			List<RequestMappingHandlerMapping> mapped = unregister(previous);
			detect(replacement, type,
					mapped.isEmpty() ? ((this.main != null) ? List.of(this.main) : List.of()) : mapped);
		}
		finally {
			locks.forEach(Lock::unlock);
		}
	}

	private static @Nullable Lock writeLock(RequestMappingHandlerMapping mapping) {
		Object registry = ReflectionUtils.getField(MAPPING_REGISTRY, mapping);
		if (registry == null) {
			return null;
		}
		Field field = ReflectionUtils.findField(registry.getClass(), "readWriteLock");
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return (ReflectionUtils.getField(field, registry) instanceof ReadWriteLock lock) ? lock.writeLock() : null;
	}

	private static Field accessible(@Nullable Field field) {
		if (field == null) {
			throw new IllegalStateException("AbstractHandlerMethodMapping has no mapping registry");
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	private static Method accessible(@Nullable Method method) {
		if (method == null) {
			throw new IllegalStateException("RequestMappingHandlerMapping has no method to detect handlers");
		}
		ReflectionUtils.makeAccessible(method);
		return method;
	}

}
