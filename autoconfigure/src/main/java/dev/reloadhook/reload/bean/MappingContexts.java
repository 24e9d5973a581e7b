package dev.reloadhook.reload.bean;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.reloadhook.reload.cleanup.PrivateFields;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Metamodel;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Spring Data JPA's mapping context, which every repository of the application uses, knows
 * the JPA metamodels of the entity manager factories it was created with: after the
 * factories are rebuilt on new entity versions, it is given their new metamodels, so that
 * it describes the new versions (those it described before stay, for the old ones).
 *
 * @author reload-hook
 */
final class MappingContexts {

	static final String MAPPING_CONTEXT = "org.springframework.data.jpa.mapping.JpaMetamodelMappingContext";

	private MappingContexts() {
	}

	/**
	 * Give the named mapping contexts the current metamodels of the context's entity
	 * manager factories.
	 * @param beanFactory the serving context's bean factory
	 * @param names the names of the mapping context beans
	 * @throws IllegalStateException if a mapping context is not Spring Data JPA's as known
	 */
	static void refresh(ConfigurableListableBeanFactory beanFactory, List<String> names) {
		Set<Metamodel> metamodels = new LinkedHashSet<>();
		beanFactory.getBeansOfType(EntityManagerFactory.class, false, false)
			.values()
			.forEach((factory) -> metamodels.add(factory.getMetamodel()));
		for (String name : names) {
			Object context = beanFactory.getBean(name);
			if (!context.getClass().getName().equals(MAPPING_CONTEXT)) {
				throw new IllegalStateException("the mapping context '" + name + "' is a " + context.getClass().getName());
			}
			Object models = PrivateFields.read(context, "models");
			Field field = (models != null) ? PrivateFields.find(models.getClass(), "metamodels", Set.class) : null;
			if (field == null) {
				throw new IllegalStateException("Spring Data JPA's mapping context has no metamodels where expected");
			}
			ReflectionUtils.setField(field, models, Set.copyOf(metamodels));
		}
	}

}
