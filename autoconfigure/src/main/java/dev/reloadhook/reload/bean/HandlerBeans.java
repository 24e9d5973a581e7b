package dev.reloadhook.reload.bean;

import org.springframework.context.ApplicationContext;

/**
 * The Spring MVC beans of one context that bean-tier reloads update: its request mappings
 * and the per-class caches of its handler adapters and exception resolvers. They are found
 * by type once per context rather than on every reload: each reload registers and removes
 * a bean definition, which empties the bean factory's cache of names by type, so every
 * lookup would read all the context's bean definitions again (hundreds in an application
 * with JPA and Spring Security).
 *
 * @param context the context they belong to
 * @param mappings its request mappings
 * @param caches its handler caches
 * @author reload-hook
 */
record HandlerBeans(ApplicationContext context, HandlerMappings mappings, HandlerCaches caches) {

	static HandlerBeans of(ApplicationContext context) {
		return new HandlerBeans(context, HandlerMappings.of(context), HandlerCaches.of(context));
	}

}
