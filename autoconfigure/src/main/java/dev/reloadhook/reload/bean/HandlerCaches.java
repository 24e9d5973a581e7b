package dev.reloadhook.reload.bean;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The per-controller-class caches of Spring MVC's handler adapter (session attributes,
 * {@code @InitBinder} and {@code @ModelAttribute} methods) and exception resolver
 * (controller-local {@code @ExceptionHandler} methods). A new class version gets entries of
 * its own; the replaced version's entries are evicted so that nothing keeps it.
 *
 * @author reload-hook
 */
final class HandlerCaches {

	private static final List<String> ADAPTER_CACHES = List.of("sessionAttributesHandlerCache", "initBinderCache",
			"modelAttributeCache");

	private final List<RequestMappingHandlerAdapter> adapters;

	private final List<ExceptionHandlerExceptionResolver> exceptionResolvers;

	private HandlerCaches(List<RequestMappingHandlerAdapter> adapters,
			List<ExceptionHandlerExceptionResolver> exceptionResolvers) {
		this.adapters = adapters;
		this.exceptionResolvers = exceptionResolvers;
	}

	static HandlerCaches of(ApplicationContext context) {
		return new HandlerCaches(
				List.copyOf(context.getBeansOfType(RequestMappingHandlerAdapter.class, false, false).values()),
				exceptionResolvers(context));
	}

	/**
	 * Evict the entries of a replaced class version.
	 * @param replaced the class version no longer in use
	 */
	void evict(Class<?> replaced) {
		for (RequestMappingHandlerAdapter adapter : this.adapters) {
			ADAPTER_CACHES.forEach((name) -> evict(adapter, RequestMappingHandlerAdapter.class, name, replaced));
		}
		for (ExceptionHandlerExceptionResolver resolver : this.exceptionResolvers) {
			evict(resolver, ExceptionHandlerExceptionResolver.class, "exceptionHandlerCache", replaced);
		}
	}

	private static List<ExceptionHandlerExceptionResolver> exceptionResolvers(ApplicationContext context) {
		List<ExceptionHandlerExceptionResolver> resolvers = new ArrayList<>();
		for (HandlerExceptionResolver resolver : context.getBeansOfType(HandlerExceptionResolver.class, false, false).values()) {
			if (resolver instanceof ExceptionHandlerExceptionResolver exceptionHandlers) {
				resolvers.add(exceptionHandlers);
			}
			else if (resolver instanceof HandlerExceptionResolverComposite composite) {
				composite.getExceptionResolvers()
					.stream()
					.filter(ExceptionHandlerExceptionResolver.class::isInstance)
					.map(ExceptionHandlerExceptionResolver.class::cast)
					.forEach(resolvers::add);
			}
		}
		return List.copyOf(resolvers);
	}

	private static void evict(Object target, Class<?> declaringClass, String fieldName, Class<?> replaced) {
		Field field = ReflectionUtils.findField(declaringClass, fieldName);
		if (field == null) {
			return;
		}
		ReflectionUtils.makeAccessible(field);
		if (ReflectionUtils.getField(field, target) instanceof Map<?, ?> cache) {
			cache.keySet().removeIf((key) -> key == replaced);
		}
	}

}
