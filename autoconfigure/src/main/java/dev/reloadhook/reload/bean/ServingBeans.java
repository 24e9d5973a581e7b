package dev.reloadhook.reload.bean;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The serving context a bean-tier reload replaces beans in, with the handler mappings and
 * per-class caches found in it, and how a replacement takes the name of the bean it
 * replaces.
 *
 * @param context the serving context
 * @param registry its bean factory, as a registry
 * @param mappings the handler mappings a replaced controller's mappings move in
 * @param caches the per-controller-class caches to evict for a replaced class
 * @param version the number of this reload, which replacements' names end with
 * @author reload-hook
 */
record ServingBeans(ConfigurableApplicationContext context, BeanDefinitionRegistry registry, HandlerMappings mappings,
		HandlerCaches caches, int version) {

	static ServingBeans of(ConfigurableApplicationContext context, BeanDefinitionRegistry registry,
			HandlerBeans handlerBeans, int version) {
		return new ServingBeans(context, registry, handlerBeans.mappings(), handlerBeans.caches(), version);
	}

	/**
	 * Return the name a bean is known by: its own, or for a replacement, the name of the
	 * bean it replaced.
	 */
	String publicName(String existing) {
		Object name = this.registry.getBeanDefinition(existing).getAttribute(BeanChangePlanner.MARKER);
		return (name instanceof String publicName) ? publicName : existing;
	}

	/**
	 * Return the name of a replacement, created beside the bean it replaces: its usual name
	 * becomes an alias once the old bean is gone.
	 */
	String replacementName(String publicName) {
		return publicName + "#" + this.version;
	}

	/**
	 * Remove an old bean and give its name to its replacement.
	 * @param existing the old bean's name
	 * @param replacement the replacement's name
	 * @param publicName the name the bean is known by
	 */
	void retire(String existing, String replacement, String publicName) {
		Class<?> replaced = this.context.getBeanFactory().getType(existing);
		this.registry.removeBeanDefinition(existing);
		if (replaced != null) {
			this.caches.evict(ClassUtils.getUserClass(replaced));
		}
		if (this.registry.isAlias(publicName)) {
			this.registry.removeAlias(publicName);
		}
		this.registry.registerAlias(replacement, publicName);
	}

}
