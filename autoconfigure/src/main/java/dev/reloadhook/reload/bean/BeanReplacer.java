package dev.reloadhook.reload.bean;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;

/**
 * Replaces or adds one bean in a running context, as component scanning would have
 * defined it.
 *
 * @author reload-hook
 */
final class BeanReplacer {

	private final ServingBeans serving;

	BeanReplacer(ServingBeans serving) {
		this.serving = serving;
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
		String publicName = (existing != null) ? this.serving.publicName(existing)
				: newName(definition, change.className());
		String name = (existing != null) ? this.serving.replacementName(publicName) : publicName;
		if (this.serving.registry().isBeanNameInUse(name) && !name.equals(existing)) {
			throw new NotReplaceableException("the bean name '" + name + "' is taken");
		}
		definition.setAttribute(BeanChangePlanner.MARKER, publicName);
		definition.setAttribute(BeanChangePlanner.CLASS_NAME, change.className());
		this.serving.registry().registerBeanDefinition(name, definition);
		try {
			this.serving.context().getBean(name);
			if (existing != null) {
				swapMappings(existing, name, type);
			}
			else if (change.controller()) {
				this.serving.mappings().detect(name, type);
			}
		}
		catch (RuntimeException ex) {
			this.serving.mappings().unregister(name);
			this.serving.registry().removeBeanDefinition(name);
			throw ex;
		}
		if (existing != null) {
			this.serving.retire(existing, name, publicName);
		}
		return publicName;
	}

	private void swapMappings(String existing, String name, Class<?> type) {
		Class<?> previous = this.serving.context().getBeanFactory().getType(existing);
		try {
			this.serving.mappings().swap(existing, name, type);
		}
		catch (RuntimeException ex) {
			if (previous != null) {
				this.serving.mappings().swap(name, existing, previous);
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
			return AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, this.serving.registry());
		}
		finally {
			definition.setBeanClass(type);
		}
	}

}
