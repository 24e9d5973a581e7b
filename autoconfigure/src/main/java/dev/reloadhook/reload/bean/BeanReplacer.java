package dev.reloadhook.reload.bean;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.util.ClassUtils;

/**
 * Replaces or adds one bean in a running context, as component scanning would have
 * defined it.
 *
 * @author reload-hook
 */
final class BeanReplacer {

	private final ConfigurableApplicationContext context;

	private final BeanDefinitionRegistry registry;

	private final HandlerMappings mappings;

	private final HandlerCaches caches;

	private final int version;

	BeanReplacer(ConfigurableApplicationContext context, BeanDefinitionRegistry registry, HandlerBeans handlerBeans,
			int version) {
		this.context = context;
		this.registry = registry;
		this.mappings = handlerBeans.mappings();
		this.caches = handlerBeans.caches();
		this.version = version;
	}

	/**
	 * Replace or add the bean of a change, if it has one.
	 * @param change the change
	 * @param type the new version of its class
	 * @return the name of the bean replaced or added, or {@code null} for a plain class
	 * @throws NotReplaceableException if its name is taken
	 */
	@Nullable String replace(BeanChange change, Class<?> type) throws NotReplaceableException {
		String existing = change.existingBean();
		if (!change.bean()) {
			return null;
		}
		AnnotatedGenericBeanDefinition definition = new AnnotatedGenericBeanDefinition(type);
		AnnotationConfigUtils.processCommonDefinitionAnnotations(definition);
		String publicName = (existing != null) ? publicName(existing) : newName(definition, change.className());
		// A replacement is created beside the bean it replaces, so it needs a name of its
		// own; the usual name becomes its alias.
		String name = (existing != null) ? publicName + "#" + this.version : publicName;
		if (this.registry.isBeanNameInUse(name) && !name.equals(existing)) {
			throw new NotReplaceableException("the bean name '" + name + "' is taken");
		}
		definition.setAttribute(BeanChangePlanner.MARKER, publicName);
		definition.setAttribute(BeanChangePlanner.CLASS_NAME, change.className());
		this.registry.registerBeanDefinition(name, definition);
		try {
			this.context.getBean(name);
			if (existing != null) {
				swapMappings(existing, name, type);
			}
			else if (change.controller()) {
				this.mappings.detect(name, type);
			}
		}
		catch (RuntimeException ex) {
			this.mappings.unregister(name);
			this.registry.removeBeanDefinition(name);
			throw ex;
		}
		if (existing != null) {
			Class<?> replaced = this.context.getBeanFactory().getType(existing);
			this.registry.removeBeanDefinition(existing);
			if (replaced != null) {
				this.caches.evict(ClassUtils.getUserClass(replaced));
			}
			if (this.registry.isAlias(publicName)) {
				this.registry.removeAlias(publicName);
			}
			this.registry.registerAlias(name, publicName);
		}
		return publicName;
	}

	private void swapMappings(String existing, String name, Class<?> type) {
		Class<?> previous = this.context.getBeanFactory().getType(existing);
		try {
			this.mappings.swap(existing, name, type);
		}
		catch (RuntimeException ex) {
			if (previous != null) {
				this.mappings.swap(name, existing, previous);
			}
			throw ex;
		}
	}

	/**
	 * Name a new bean as component scanning names it: after its class as written, whatever
	 * name its new version was defined under.
	 */
	private String newName(AnnotatedGenericBeanDefinition definition, String className) {
		Class<?> type = definition.getBeanClass();
		definition.setBeanClassName(className);
		try {
			return AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, this.registry);
		}
		finally {
			definition.setBeanClass(type);
		}
	}

	private String publicName(String existing) {
		Object name = this.registry.getBeanDefinition(existing).getAttribute(BeanChangePlanner.MARKER);
		return (name instanceof String publicName) ? publicName : existing;
	}

}
