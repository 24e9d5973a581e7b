package dev.reloadhook.reload.bean;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.util.ReflectionUtils;

/**
 * Spring Data's converter from an id to an entity ({@code @PathVariable Owner owner}),
 * registered in the conversion services of Spring MVC, knows the repositories it found on
 * its first use, by entity class: after an entity change, it is told the context again so
 * that it finds the new repositories for the new entity versions.
 *
 * @author reload-hook
 */
final class DomainClassConverters {

	private static final Log logger = LogFactory.getLog(DomainClassConverters.class);

	private static final String CONVERTER = "org.springframework.data.repository.support.DomainClassConverter";

	private DomainClassConverters() {
	}

	/**
	 * Tell every domain class converter of the context's conversion services the context
	 * again.
	 * @param context the serving context
	 */
	static void refresh(ConfigurableApplicationContext context) {
		for (GenericConversionService service : context.getBeanFactory()
			.getBeansOfType(GenericConversionService.class, false, false)
			.values()) {
			try {
				Object converters = read(service, GenericConversionService.class, "converters");
				Object byPair = (converters != null) ? read(converters, converters.getClass(), "converters") : null;
				if (byPair instanceof Map<?, ?> map) {
					for (Object forPair : map.values()) {
						if (read(forPair, forPair.getClass(), "converters") instanceof Collection<?> list) {
							list.stream().filter((converter) -> converter.getClass().getName().equals(CONVERTER))
								.filter(ApplicationContextAware.class::isInstance)
								.forEach((converter) -> ((ApplicationContextAware) converter).setApplicationContext(context));
						}
					}
				}
			}
			catch (RuntimeException ex) {
				// Spring's internals moved: the converter keeps what it found.
				logger.debug("Could not look for Spring Data's domain class converters in " + service, ex);
			}
		}
	}

	private static @Nullable Object read(Object target, Class<?> type, String name) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

}
