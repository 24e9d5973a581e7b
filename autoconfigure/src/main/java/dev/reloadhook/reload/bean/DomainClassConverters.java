package dev.reloadhook.reload.bean;

import java.util.Collection;
import java.util.Map;

import dev.reloadhook.reload.cleanup.PrivateFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.support.GenericConversionService;

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
				Object converters = PrivateFields.read(service, "converters");
				Object byPair = (converters != null) ? PrivateFields.read(converters, "converters") : null;
				if (byPair instanceof Map<?, ?> map) {
					for (Object forPair : map.values()) {
						if (PrivateFields.read(forPair, "converters") instanceof Collection<?> list) {
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

}
