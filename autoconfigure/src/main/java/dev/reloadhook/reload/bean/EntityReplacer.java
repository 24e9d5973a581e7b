package dev.reloadhook.reload.bean;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Applies an {@link EntityPlan} in the serving context: rebuilds the entity manager
 * factories on the new entity versions, creates the mapping contexts, repositories and
 * components again beside the old ones (each under a name of its own, injected with the
 * new versions, since only they match the new classes), switches the controllers' request
 * mappings, then removes the old beans and gives the new ones the old names. If anything
 * fails before the switch, the new beans are removed and the factories restored: the
 * context serves as before and a restart applies the change.
 *
 * @author reload-hook
 */
final class EntityReplacer {

	private final ServingBeans serving;

	EntityReplacer(ServingBeans serving) {
		this.serving = serving;
	}

	/**
	 * Apply the plan.
	 * @param plan the plan
	 * @param classLoader the class loader of the new class versions
	 * @return the beans replaced, by name, and the native factories the rebuild replaced
	 * @throws NotReplaceableException if it could not be applied (nothing changed then)
	 */
	Result replace(EntityPlan plan, ClassLoader classLoader) throws NotReplaceableException {
		ConfigurableListableBeanFactory beanFactory = this.serving.context().getBeanFactory();
		PersistenceUnits units = PersistenceUnits.rebuild(beanFactory, plan.factories(), classLoader);
		try {
			MappingContexts.refresh(beanFactory, plan.mappingContexts());
		}
		catch (RuntimeException ex) {
			units.restore();
			restoreMappingContexts(beanFactory, plan);
			throw new NotReplaceableException("Spring Data's mapping context could not be updated: " + ex.getMessage(), ex);
		}
		Map<String, String> names = new LinkedHashMap<>();
		List<String> swapped = new ArrayList<>();
		ClassLoader beanClassLoader = beanFactory.getBeanClassLoader();
		// Beans created now learn the new versions' class loader (a repository's proxy must
		// see its new interface); no other bean is created meanwhile but on demand.
		beanFactory.setBeanClassLoader(classLoader);
		try {
			for (String name : plan.repositories()) {
				register(name, repository(beanFactory.getBeanDefinition(name), classLoader), names);
			}
			for (Map.Entry<String, String> component : plan.components().entrySet()) {
				AnnotatedGenericBeanDefinition definition = new AnnotatedGenericBeanDefinition(
						classLoader.loadClass(component.getValue()));
				AnnotationConfigUtils.processCommonDefinitionAnnotations(definition);
				definition.setAttribute(BeanChangePlanner.CLASS_NAME, component.getValue());
				register(component.getKey(), definition, names);
			}
			for (String name : names.values()) {
				this.serving.context().getBean(name);
			}
			for (String component : plan.components().keySet()) {
				ConversionBeans.add(beanFactory, this.serving.context().getBean(names.get(component)));
			}
			refuseDependenciesOnOldBeans(beanFactory, names);
			for (String controller : plan.controllers()) {
				String replacement = names.get(controller);
				this.serving.mappings().swap(controller, replacement, ClassUtils.getUserClass(beanFactory.getType(replacement)));
				swapped.add(controller);
			}
		}
		catch (RuntimeException | ClassNotFoundException | LinkageError ex) {
			for (String controller : swapped) {
				Class<?> previous = beanFactory.getType(controller);
				if (previous != null) {
					this.serving.mappings().swap(names.get(controller), controller, ClassUtils.getUserClass(previous));
				}
			}
			List<String> created = new ArrayList<>(names.values());
			Collections.reverse(created);
			created.stream().filter(this.serving.registry()::containsBeanDefinition).forEach(this.serving.registry()::removeBeanDefinition);
			units.restore();
			restoreMappingContexts(beanFactory, plan);
			throw new NotReplaceableException("a bean could not be created again: " + ex.getMessage(), ex);
		}
		finally {
			beanFactory.setBeanClassLoader(beanClassLoader);
		}
		List<String> old = new ArrayList<>(names.keySet());
		Collections.reverse(old);
		List<String> replaced = new ArrayList<>();
		for (String name : old) {
			String publicName = this.serving.publicName(name);
			this.serving.retire(name, names.get(name), publicName);
			replaced.add(0, publicName);
		}
		clearCaches(beanFactory);
		DomainClassConverters.refresh(this.serving.context());
		return new Result(replaced, List.copyOf(units.replaced()));
	}

	/** Give the mapping contexts the restored factories' metamodels again, as far as possible. */
	private static void restoreMappingContexts(ConfigurableListableBeanFactory beanFactory, EntityPlan plan) {
		try {
			MappingContexts.refresh(beanFactory, plan.mappingContexts());
		}
		catch (RuntimeException ex) {
			// What failed to update was not updated: nothing to put back.
		}
	}

	private void register(String existing, AbstractBeanDefinition definition, Map<String, String> names) {
		String publicName = this.serving.publicName(existing);
		String name = this.serving.replacementName(publicName);
		definition.setAttribute(BeanChangePlanner.MARKER, publicName);
		this.serving.registry().registerBeanDefinition(name, definition);
		names.put(existing, name);
	}

	private static AbstractBeanDefinition copy(BeanDefinition definition) {
		return ((AbstractBeanDefinition) definition).cloneBeanDefinition();
	}

	/**
	 * A repository's definition for the new version of its interface: its factory's type
	 * arguments (the interface, the domain type, the id type) are those of the new
	 * versions.
	 */
	private static AbstractBeanDefinition repository(BeanDefinition existing, ClassLoader classLoader)
			throws ClassNotFoundException {
		AbstractBeanDefinition definition = copy(existing);
		Object argument = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null).getValue();
		String interfaceName = (argument instanceof Class<?> type) ? type.getName() : String.valueOf(argument);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, classLoader.loadClass(interfaceName));
		if (definition instanceof RootBeanDefinition root) {
			ResolvableType type = root.getResolvableType();
			Class<?> factory = type.resolve();
			ResolvableType[] generics = type.getGenerics();
			Class<?>[] arguments = new Class<?>[generics.length];
			for (int i = 0; i < generics.length; i++) {
				Class<?> resolved = generics[i].resolve();
				arguments[i] = (resolved != null) ? classLoader.loadClass(resolved.getName()) : null;
			}
			boolean resolvable = factory != null && generics.length > 0
					&& java.util.Arrays.stream(arguments).allMatch(java.util.Objects::nonNull);
			root.setTargetType(resolvable ? ResolvableType.forClassWithGenerics(factory, arguments) : null);
		}
		return definition;
	}

	/**
	 * Refuse if a new bean depends on an old one: removing the old one would destroy it.
	 */
	private static void refuseDependenciesOnOldBeans(ConfigurableListableBeanFactory beanFactory,
			Map<String, String> names) {
		for (String old : names.keySet()) {
			for (String dependent : beanFactory.getDependentBeans(old)) {
				if (names.containsValue(dependent)) {
					throw new IllegalStateException("the new bean '" + dependent + "' depends on the old '" + old + "'");
				}
			}
		}
	}

	/**
	 * Empty the application's caches: their values may be instances of the old versions,
	 * and a restart would have started them empty too.
	 */
	private static void clearCaches(ConfigurableListableBeanFactory beanFactory) {
		for (CacheManager manager : beanFactory.getBeansOfType(CacheManager.class, false, false).values()) {
			for (String name : manager.getCacheNames()) {
				Cache cache = manager.getCache(name);
				if (cache != null) {
					cache.clear();
				}
			}
		}
	}

	/**
	 * What an entity change replaced.
	 *
	 * @param beans the beans created again, by name
	 * @param replacedFactories the native entity manager factories no longer in use
	 */
	record Result(List<String> beans, List<Object> replacedFactories) {
	}

}
