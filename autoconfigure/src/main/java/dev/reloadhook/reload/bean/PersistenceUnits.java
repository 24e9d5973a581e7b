package dev.reloadhook.reload.bean;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.util.ReflectionUtils;

/**
 * Rebuilds the serving context's entity manager factories in place, on new entity class
 * versions. The factory bean's proxy, which the transaction manager, the shared entity
 * managers and the repositories hold, hands every call to the bean's current native
 * factory: building a new native factory behind it moves them all to the new entities.
 * The native factories replaced stay open until the generation retires, as transactions
 * begun before the change may still use them.
 *
 * @author reload-hook
 */
final class PersistenceUnits {

	private static final Log logger = LogFactory.getLog(PersistenceUnits.class);

	/** The fields {@code afterPropertiesSet} sets again, restored if the rebuild fails. */
	private static final List<String> REBUILT_FIELDS = List.of("nativeEntityManagerFactory",
			"nativeEntityManagerFactoryFuture", "entityManagerFactory", "sharedEntityManager", "sharedEntityAgent");

	private static final Field PERSISTENCE_UNIT_INFO = field(LocalContainerEntityManagerFactoryBean.class,
			"persistenceUnitInfo");

	private static final Field PERSISTENCE_UNIT_MANAGER = field(LocalContainerEntityManagerFactoryBean.class,
			"persistenceUnitManager");

	private final List<Snapshot> snapshots = new ArrayList<>();

	/**
	 * Rebuild the given factories on the given class loader.
	 * @param beanFactory the serving context's bean factory
	 * @param names the factory bean names ({@code &}-prefixed)
	 * @param classLoader the class loader of the new entity versions
	 * @return the rebuilt factories, to restore or retire
	 * @throws NotReplaceableException if one could not be rebuilt (the others are restored)
	 */
	static PersistenceUnits rebuild(ConfigurableListableBeanFactory beanFactory, List<String> names,
			ClassLoader classLoader) throws NotReplaceableException {
		PersistenceUnits units = new PersistenceUnits();
		for (String name : names) {
			Object bean = beanFactory.getBean(name);
			if (!(bean instanceof LocalContainerEntityManagerFactoryBean factory)
					|| ReflectionUtils.getField(PERSISTENCE_UNIT_MANAGER, factory) != null) {
				units.restore();
				throw new NotReplaceableException("the entity manager factory '" + name
						+ "' is not one Spring Boot configures (a LocalContainerEntityManagerFactoryBean "
						+ "with its own persistence unit manager)");
			}
			Snapshot snapshot = Snapshot.of(factory);
			try {
				factory.setBeanClassLoader(classLoader);
				factory.setResourceLoader(new DefaultResourceLoader(classLoader));
				factory.afterPropertiesSet();
				units.snapshots.add(snapshot);
			}
			catch (RuntimeException ex) {
				snapshot.restore();
				units.restore();
				throw new NotReplaceableException("the entity manager factory '" + name + "' could not be rebuilt: "
						+ ex.getMessage(), ex);
			}
		}
		return units;
	}

	/**
	 * Put the factories back as they were, closing the native factories built meanwhile.
	 */
	void restore() {
		for (Snapshot snapshot : this.snapshots) {
			EntityManagerFactory built = snapshot.factory().getNativeEntityManagerFactory();
			snapshot.restore();
			close(built);
		}
		this.snapshots.clear();
	}

	/**
	 * Return the native factories the rebuild replaced, to close once nothing uses them.
	 * @return the replaced native factories
	 */
	List<EntityManagerFactory> replaced() {
		return this.snapshots.stream().map(Snapshot::previousNative).toList();
	}

	/**
	 * Close a native factory an entity change replaced.
	 * @param factory the factory (an {@link EntityManagerFactory})
	 */
	static void closeFactory(Object factory) {
		close((EntityManagerFactory) factory);
	}

	static void close(@Nullable EntityManagerFactory factory) {
		if (factory != null && factory.isOpen()) {
			try {
				factory.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Failed to close a replaced entity manager factory", ex);
			}
		}
	}

	private static Field field(Class<?> type, String name) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			throw new IllegalStateException("No field " + name + " in " + type.getName());
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	private record Snapshot(LocalContainerEntityManagerFactoryBean factory, List<@Nullable Object> values,
			@Nullable Object persistenceUnitInfo, ClassLoader beanClassLoader, EntityManagerFactory previousNative) {

		static Snapshot of(LocalContainerEntityManagerFactoryBean factory) {
			List<@Nullable Object> values = new ArrayList<>();
			for (String name : REBUILT_FIELDS) {
				values.add(ReflectionUtils.getField(field(AbstractEntityManagerFactoryBean.class, name), factory));
			}
			return new Snapshot(factory, values, ReflectionUtils.getField(PERSISTENCE_UNIT_INFO, factory),
					factory.getBeanClassLoader(), factory.getNativeEntityManagerFactory());
		}

		void restore() {
			for (int i = 0; i < REBUILT_FIELDS.size(); i++) {
				ReflectionUtils.setField(field(AbstractEntityManagerFactoryBean.class, REBUILT_FIELDS.get(i)),
						this.factory, this.values.get(i));
			}
			ReflectionUtils.setField(PERSISTENCE_UNIT_INFO, this.factory, this.persistenceUnitInfo);
			this.factory.setBeanClassLoader(this.beanClassLoader);
			this.factory.setResourceLoader(new DefaultResourceLoader(this.beanClassLoader));
		}

	}

}
