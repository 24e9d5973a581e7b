package dev.reloadhook.reload.bean;

import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.format.Formatter;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.format.support.FormattingConversionService;

/**
 * Formatter and converter beans, which Spring Boot adds to Spring MVC's and WebFlux's
 * conversion services once, when they are created. A new version created by an entity
 * change is added to them too; it converts the new versions of its types, the old one
 * stays for the old versions.
 *
 * @author reload-hook
 */
final class ConversionBeans {

	/** The interfaces of the beans Spring Boot adds to the conversion services. */
	static final List<String> INTERFACES = List.of("org.springframework.format.Formatter",
			"org.springframework.format.Printer", "org.springframework.format.Parser",
			"org.springframework.core.convert.converter.Converter",
			"org.springframework.core.convert.converter.GenericConverter");

	private ConversionBeans() {
	}

	/**
	 * Add a new version of a formatter or converter bean to the context's formatting
	 * conversion services, as Spring Boot added the old one.
	 * @param beanFactory the serving context's bean factory
	 * @param bean the new version's bean
	 */
	static void add(ConfigurableListableBeanFactory beanFactory, Object bean) {
		for (FormattingConversionService service : beanFactory
			.getBeansOfType(FormattingConversionService.class, false, false)
			.values()) {
			if (bean instanceof Formatter<?> formatter) {
				service.addFormatter(formatter);
			}
			else if (bean instanceof GenericConverter converter) {
				service.addConverter(converter);
			}
			else if (bean instanceof Converter<?, ?> converter) {
				service.addConverter(converter);
			}
			else if (bean instanceof Printer<?> printer) {
				service.addPrinter(printer);
			}
			else if (bean instanceof Parser<?> parser) {
				service.addParser(parser);
			}
		}
	}

}
