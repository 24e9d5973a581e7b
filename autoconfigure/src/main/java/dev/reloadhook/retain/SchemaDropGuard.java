package dev.reloadhook.retain;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Turns Hibernate's {@code create-drop} schema action into {@code create} in each
 * generation's JPA entity manager factory. Spring Boot chooses {@code create-drop} by
 * default for an embedded database (H2, HSQLDB, Derby) without schema scripts: with it,
 * closing an entity manager factory drops every table of its mapping. A generation closes
 * after the next one started, on the same database (the retained pool, or a new pool at
 * the same URL), so the old generation's drop would remove the tables the new one has
 * just created, and every query of the serving generation would fail. {@code create}
 * still drops and creates the tables when a generation starts; only the drop at close is
 * left out (an in-memory database goes with the JVM anyway).
 * <p>
 * Read by reflection: Spring's ORM support is not a dependency of reload-hook.
 *
 * @author reload-hook
 */
final class SchemaDropGuard implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(SchemaDropGuard.class);

	private static final String FACTORY_BEAN = "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean";

	private static final String SCHEMA_ACTION = "hibernate.hbm2ddl.auto";

	/** Said once per JVM, not once per generation. */
	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		// Before initialization: the entity manager factory is built when the factory bean
		// initializes, from the properties it has then.
		Map<String, Object> properties = jpaProperties(bean);
		if (properties != null && isCreateDrop(properties.get(SCHEMA_ACTION))) {
			properties.put(SCHEMA_ACTION, "create");
			if (told.compareAndSet(false, true)) {
				logger.info("Hibernate's schema action create-drop runs as create while reloading ('" + beanName
						+ "'): a closing generation would drop the tables of the one that replaced it");
			}
		}
		return bean;
	}

	private static boolean isCreateDrop(@Nullable Object action) {
		if (action == null) {
			return false;
		}
		String value = action.toString().trim();
		return value.equalsIgnoreCase("create-drop") || value.equalsIgnoreCase("create_drop");
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> jpaProperties(Object bean) {
		if (!isEntityManagerFactoryBean(bean.getClass())) {
			return null;
		}
		Method getter = ReflectionUtils.findMethod(bean.getClass(), "getJpaPropertyMap");
		if (getter == null) {
			return null;
		}
		// The factory bean's own map, which it reads when it builds the factory.
		Object properties = ReflectionUtils.invokeMethod(getter, bean);
		return (properties instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
	}

	private static boolean isEntityManagerFactoryBean(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().equals(FACTORY_BEAN)) {
				return true;
			}
		}
		return false;
	}

}
