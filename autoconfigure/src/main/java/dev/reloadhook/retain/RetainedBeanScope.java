package dev.reloadhook.retain;

import java.util.HashMap;
import java.util.Map;

import dev.reloadhook.reload.restart.RestartClassLoader;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.Scope;

/**
 * The scope of {@link RetainedAcrossReloads} beans in one generation: a bean kept by an
 * earlier generation is handed over as it is; otherwise the generation creates it and
 * hands it to {@link RetainedResources}, which closes it when the JVM ends.
 *
 * @author reload-hook
 */
final class RetainedBeanScope implements Scope {

	static final String NAME = "reloadHookRetained";

	private final RetainedResources resources;

	private final int generation;

	/** What each bean is: its fingerprint and destroy methods, by bean name. */
	private final Map<String, RetainedBeanDefinition> definitions = new HashMap<>();

	/** Beans whose instance turned out to be of a reloaded class: this generation's only. */
	private final Map<String, Object> local = new HashMap<>();

	private final Map<String, Runnable> destructionCallbacks = new HashMap<>();

	RetainedBeanScope(RetainedResources resources, int generation) {
		this.resources = resources;
		this.generation = generation;
	}

	void register(String beanName, String fingerprint, String[] destroyMethods) {
		this.definitions.put(beanName, new RetainedBeanDefinition(fingerprint, destroyMethods));
	}

	@Override
	public synchronized Object get(String name, ObjectFactory<?> objectFactory) {
		RetainedBeanDefinition definition = this.definitions.get(name);
		if (definition == null) {
			throw new IllegalStateException("No retained bean named '" + name + "'");
		}
		Object retained = this.resources.reuse(name, definition.fingerprint(), this.generation);
		if (retained != null) {
			return retained;
		}
		Object local = this.local.get(name);
		if (local != null) {
			return local;
		}
		Object bean = objectFactory.getObject();
		Runnable destruction = this.destructionCallbacks.remove(name);
		if (RestartClassLoader.generationOf(bean.getClass().getClassLoader()) != 0) {
			RetainedBeans.refused(name, "its class " + bean.getClass().getName()
					+ " is reloaded with the application (it comes from a class directory, not a jar)");
			this.local.put(name, bean);
			if (destruction != null) {
				this.destructionCallbacks.put(name, destruction);
			}
			return bean;
		}
		this.resources.adopt(name, definition.fingerprint(), bean, new BeanRetention(definition.destroyMethods()),
				this.generation);
		return bean;
	}

	@Override
	public @Nullable Object remove(String name) {
		// Retained beans are removed only when the JVM ends.
		return null;
	}

	@Override
	public synchronized void registerDestructionCallback(String name, Runnable callback) {
		// Spring's callback holds this generation's bean factory: it is kept only for a
		// bean that stays with this generation; a retained one is closed by
		// RetainedResources.
		this.destructionCallbacks.put(name, callback);
	}

	/**
	 * Destroy the beans that stay with this generation: it is closing.
	 */
	synchronized void destroyLocal() {
		this.destructionCallbacks.values().forEach(Runnable::run);
		this.destructionCallbacks.clear();
		this.local.clear();
	}

	@Override
	public @Nullable Object resolveContextualObject(String key) {
		return null;
	}

	@Override
	public @Nullable String getConversationId() {
		return null;
	}

	private record RetainedBeanDefinition(String fingerprint, String[] destroyMethods) {
	}

}
