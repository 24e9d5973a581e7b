package dev.reloadhook.retain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.reload.restart.RestartClassLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.core.Ordered;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Finds the beans of a generation marked {@link RetainedAcrossReloads} (or DevTools'
 * {@code @RestartScope}) and puts them in the {@link RetainedBeanScope}, when their class
 * comes from a jar.
 *
 * @author reload-hook
 */
final class RetainedBeans implements BeanFactoryPostProcessor, Ordered {

	private static final Log logger = LogFactory.getLog(RetainedBeans.class);

	/** DevTools' {@code @RestartScope} is {@code @Scope("restart")}. */
	private static final String DEVTOOLS_RESTART_SCOPE = "restart";

	private static final String ANNOTATION = RetainedAcrossReloads.class.getName();

	/** Bean names already reported as not retainable: one line per JVM, not per reload. */
	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	private final RetainedResources resources;

	private final int generation;

	RetainedBeans(RetainedResources resources, int generation) {
		this.resources = resources;
		this.generation = generation;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		RetainedBeanScope scope = new RetainedBeanScope(this.resources, this.generation);
		boolean any = false;
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (!isMarked(definition)) {
				continue;
			}
			String typeName = typeName(definition);
			String refusal = refusal(typeName, beanFactory.getBeanClassLoader());
			if (refusal != null) {
				refused(name, refusal);
				if (DEVTOOLS_RESTART_SCOPE.equals(definition.getScope())) {
					definition.setScope(BeanDefinition.SCOPE_SINGLETON);
				}
				continue;
			}
			definition.setScope(RetainedBeanScope.NAME);
			String[] destroyMethods = (definition instanceof AbstractBeanDefinition abstractDefinition
					&& abstractDefinition.getDestroyMethodNames() != null) ? abstractDefinition.getDestroyMethodNames()
							: new String[0];
			scope.register(name, fingerprint(definition, typeName), destroyMethods);
			any = true;
		}
		if (any) {
			beanFactory.registerScope(RetainedBeanScope.NAME, scope);
			if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean("reloadHookRetainedBeanScope", scope::destroyLocal);
			}
		}
	}

	static void refused(String beanName, String reason) {
		if (reported.add(beanName)) {
			logger.warn("Bean '" + beanName + "' is not retained across reloads: " + reason
					+ "; it is created with each generation");
		}
	}

	private static boolean isMarked(BeanDefinition definition) {
		if (DEVTOOLS_RESTART_SCOPE.equals(definition.getScope())) {
			return true;
		}
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			return (factoryMethod != null) ? factoryMethod.isAnnotated(ANNOTATION)
					: annotated.getMetadata().isAnnotated(ANNOTATION);
		}
		return false;
	}

	private static @Nullable String typeName(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
			return annotated.getFactoryMethodMetadata().getReturnTypeName();
		}
		return definition.getBeanClassName();
	}

	private static @Nullable String refusal(@Nullable String typeName, @Nullable ClassLoader classLoader) {
		if (typeName == null) {
			return "its type is not known before it is created";
		}
		try {
			Class<?> type = ClassUtils.forName(typeName, classLoader);
			if (RestartClassLoader.generationOf(type.getClassLoader()) != 0) {
				return "its class " + typeName + " is reloaded with the application (it comes from a class "
						+ "directory, not a jar)";
			}
			return null;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "its class " + typeName + " cannot be loaded";
		}
	}

	/**
	 * What the bean is created from: a change to it creates a new bean (and closes the old
	 * one once no generation uses it).
	 */
	private static String fingerprint(BeanDefinition definition, String typeName) {
		String factory = (definition instanceof AnnotatedBeanDefinition annotated
				&& annotated.getFactoryMethodMetadata() != null)
						? annotated.getFactoryMethodMetadata().getDeclaringClassName() + "#"
								+ annotated.getFactoryMethodMetadata().getMethodName()
						: "";
		return typeName + "|" + factory;
	}

}
