package dev.reloadhook.reload.bean;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reloadhook.watch.ChangedFile;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Decides whether a change set is an entity change the bean tier can apply in place, and
 * what it replaces. The changed classes must include a JPA entity, embeddable or mapped
 * superclass that the serving generation already has; every class that refers to a
 * replaced class, and every class of a replaced class's package (package-private access
 * only works within one class loader), is defined again. Each of those must be a plain
 * class, a scanned singleton component or a Spring Data repository interface: anything
 * that runs once when the context starts (configuration, runners, listeners, advice) or
 * that another bean outside the set depends on leaves the change to a restart.
 *
 * @author reload-hook
 */
final class EntityChangePlanner {

	private static final List<String> PERSISTENT_TYPES = List.of("jakarta.persistence.Entity",
			"jakarta.persistence.Embeddable", "jakarta.persistence.MappedSuperclass");

	private static final String FACTORY = "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean";

	private static final String REPOSITORY_FACTORY = "org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport";

	private static final String MAPPING_CONTEXT_FACTORY = "org.springframework.data.jpa.repository.config.JpaMetamodelMappingContextFactoryBean";

	private static final String CONTROLLER = "org.springframework.stereotype.Controller";

	/**
	 * Model attributes kept in the HTTP session: instances of the old class versions, which
	 * the new versions could not take (a restart hands the session over, deserialized with
	 * the new versions).
	 */
	private static final String SESSION_ATTRIBUTES = "org.springframework.web.bind.annotation.SessionAttributes";

	/** Spring annotations a replaced class may carry: they act on its beans' creation and calls only. */
	private static final List<String> ALLOWED_SPRING_ANNOTATIONS = List.of("org.springframework.stereotype.",
			"org.springframework.web.bind.annotation.", "org.springframework.transaction.annotation.",
			"org.springframework.cache.annotation.", "org.springframework.validation.annotation.",
			"org.springframework.data.", "org.springframework.format.annotation.", "org.springframework.lang.",
			"org.springframework.core.annotation.Order", "org.springframework.context.annotation.Primary",
			"org.springframework.beans.factory.annotation.", "org.springframework.scheduling.annotation.Scheduled",
			"org.springframework.scheduling.annotation.Async", "org.springframework.security.access.");

	/**
	 * Method annotations whose effect is set up once, when the context starts (a
	 * controller's own {@code @InitBinder}, {@code @ModelAttribute} and
	 * {@code @ExceptionHandler} methods are found per class, again for a new version).
	 */
	private static final List<String> STARTUP_METHOD_ANNOTATIONS = List.of(
			"org.springframework.context.annotation.Bean", "org.springframework.context.event.EventListener",
			"org.springframework.transaction.event.TransactionalEventListener");

	private final ReferenceIndex references;

	EntityChangePlanner(ReferenceIndex references) {
		this.references = references;
	}

	/**
	 * Return whether a change is an entity change at all: one of its changed classes is a
	 * JPA persistent type, or a class an earlier entity change defined again (hot swap
	 * would redefine the version no longer in use).
	 * @param changedClasses the binary names of the classes whose content changed
	 * @param roots the class directories
	 * @param classLoader the newest class loader of the serving generation
	 * @return whether the entity tier applies, if anything
	 */
	boolean concerns(Set<String> changedClasses, List<Path> roots, ClassLoader classLoader) {
		if (!ClassUtils.isPresent(FACTORY, EntityChangePlanner.class.getClassLoader())) {
			return false;
		}
		for (ClassLoader candidate = classLoader; candidate instanceof BeanClassLoader beans; candidate = candidate
			.getParent()) {
			if (beans.isForEntities() && changedClasses.stream().anyMatch(beans.classNames()::contains)) {
				return true;
			}
		}
		for (String className : changedClasses) {
			try {
				String topLevel = BeanChangePlanner.topLevel(className);
				AnnotationMetadata metadata = BeanChangePlanner
					.metadata(BeanChangePlanner.readNest(roots, topLevel).get(topLevel), getClass().getClassLoader());
				if (PERSISTENT_TYPES.stream().anyMatch(metadata::isAnnotated)) {
					return true;
				}
			}
			catch (NotReplaceableException ex) {
				// Unreadable: not for this tier, the leaf plan's reason stands.
			}
		}
		return false;
	}

	/**
	 * Plan an entity change.
	 * @param files the change set
	 * @param changedClasses the binary names of the classes whose content changed
	 * @param roots the class directories
	 * @param beanFactory the serving generation's bean factory
	 * @param classLoader the class loader the replaced classes' dependencies come from
	 * @return the plan
	 * @throws NotReplaceableException if the change is not for the entity tier
	 */
	EntityPlan plan(List<ChangedFile> files, Set<String> changedClasses, List<Path> roots,
			ConfigurableListableBeanFactory beanFactory, ClassLoader classLoader) throws NotReplaceableException {
		for (ChangedFile file : files) {
			if (!file.isClassFile()) {
				throw new NotReplaceableException(file.relativeName() + " changed");
			}
			if (file.kind() == ChangedFile.Kind.DELETED) {
				throw new NotReplaceableException(BeanChangePlanner.className(file.relativeName()) + " was deleted");
			}
		}
		for (String className : changedClasses) {
			if (!isLoaded(className, classLoader)) {
				throw new NotReplaceableException(className + " is new to the serving generation");
			}
		}
		Set<String> internal = closure(changedClasses, roots);
		Set<String> topLevels = internal.stream()
			.map((name) -> BeanChangePlanner.topLevel(name.replace('/', '.')))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Map<String, Map<String, byte[]>> nests = new LinkedHashMap<>();
		Set<String> controllers = new LinkedHashSet<>();
		for (String topLevel : topLevels) {
			Map<String, byte[]> nest = BeanChangePlanner.readNest(roots, topLevel);
			AnnotationMetadata metadata = BeanChangePlanner.metadata(nest.get(topLevel), classLoader);
			refuseStartupCode(topLevel, metadata);
			nests.put(topLevel, nest);
		}
		List<String> factories = List.of(beanFactory.getBeanNamesForType(
				ClassUtils.resolveClassName(FACTORY, EntityChangePlanner.class.getClassLoader()), false, false));
		if (factories.isEmpty()) {
			throw new NotReplaceableException("no entity manager factory of Spring's serves the entities");
		}
		List<String> mappingContexts = new ArrayList<>();
		List<String> repositories = new ArrayList<>();
		Map<String, String> components = new LinkedHashMap<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			Object written = definition.getAttribute(BeanChangePlanner.CLASS_NAME);
			String className = (written != null) ? written.toString() : definition.getBeanClassName();
			if (className == null) {
				continue;
			}
			if (topLevels.contains(BeanChangePlanner.topLevel(className))) {
				if (!(definition instanceof ScannedGenericBeanDefinition)
						&& definition.getAttribute(BeanChangePlanner.MARKER) == null) {
					throw new NotReplaceableException(
							"the bean '" + name + "' of " + className + " is not defined by component scanning");
				}
				if (!definition.isSingleton() || definition.isLazyInit()) {
					throw new NotReplaceableException("the bean '" + name + "' of " + className
							+ " is not an eagerly created singleton");
				}
				components.put(name, className);
				AnnotationMetadata metadata = BeanChangePlanner
					.metadata(nests.get(BeanChangePlanner.topLevel(className)).get(className), classLoader);
				refuseForeignInterfaces(name, metadata, topLevels);
				if (metadata.isAnnotated(CONTROLLER)) {
					controllers.add(name);
				}
			}
			else if (isA(className, MAPPING_CONTEXT_FACTORY)) {
				mappingContexts.add(name);
			}
			else if (isA(className, REPOSITORY_FACTORY)) {
				String repositoryInterface = repositoryInterface(definition);
				if (repositoryInterface != null && topLevels.contains(BeanChangePlanner.topLevel(repositoryInterface))) {
					if (definition.getPropertyValues().contains("customImplementation")
							|| definition.getDependsOn() != null) {
						throw new NotReplaceableException("the repository '" + name + "' has a custom implementation");
					}
					repositories.add(name);
				}
			}
		}
		// The mapping contexts are updated in place, not created again: every repository
		// uses them, those of other packages too.
		Set<String> replaced = new LinkedHashSet<>(repositories);
		replaced.addAll(components.keySet());
		for (String name : replaced) {
			for (String dependent : beanFactory.getDependentBeans(name)) {
				if (!replaced.contains(dependent) && beanFactory.containsBeanDefinition(dependent)) {
					throw new NotReplaceableException("the bean '" + dependent + "' depends on '" + name
							+ "', and its class is not among those defined again");
				}
			}
		}
		return new EntityPlan(nests, factories, mappingContexts, repositories, components, controllers);
	}

	/**
	 * The classes to define again: the changed ones, every class of their packages and
	 * every class that refers to one of those, until no other class refers to them.
	 */
	private Set<String> closure(Set<String> changedClasses, List<Path> roots) throws NotReplaceableException {
		try {
			Set<String> all = this.references.classNames(roots);
			Set<String> closure = new LinkedHashSet<>();
			changedClasses.forEach((name) -> closure.add(name.replace('.', '/')));
			int size = -1;
			while (closure.size() != size) {
				size = closure.size();
				Set<String> packages = closure.stream().map(EntityChangePlanner::packageOf).collect(Collectors.toSet());
				all.stream().filter((name) -> packages.contains(packageOf(name))).forEach(closure::add);
				closure.addAll(this.references.referrers(roots, closure, closure).keySet());
			}
			return closure;
		}
		catch (RuntimeException ex) {
			throw new NotReplaceableException("the class files could not be read: " + ex.getMessage(), ex);
		}
	}

	private static void refuseStartupCode(String className, AnnotationMetadata metadata) throws NotReplaceableException {
		for (String annotation : metadata.getAnnotationTypes()) {
			if (annotation.startsWith("org.springframework.")
					&& ALLOWED_SPRING_ANNOTATIONS.stream().noneMatch(annotation::startsWith)
					|| annotation.endsWith("ControllerAdvice") || annotation.equals(SESSION_ATTRIBUTES)) {
				throw new NotReplaceableException(className + " is annotated with @"
						+ annotation.substring(annotation.lastIndexOf('.') + 1));
			}
		}
		for (String annotation : STARTUP_METHOD_ANNOTATIONS) {
			for (MethodMetadata method : metadata.getAnnotatedMethods(annotation)) {
				throw new NotReplaceableException(className + "." + method.getMethodName() + " is annotated with @"
						+ annotation.substring(annotation.lastIndexOf('.') + 1));
			}
		}
	}

	/**
	 * A bean of an interface that is not defined again may be looked up by that interface,
	 * or collected with the other beans of it, by beans that keep the old version. Formatters
	 * and converters, which Spring Boot adds to the conversion services once, are added
	 * again (see {@link ConversionBeans}).
	 */
	private static void refuseForeignInterfaces(String beanName, AnnotationMetadata metadata, Set<String> topLevels)
			throws NotReplaceableException {
		for (String interfaceName : metadata.getInterfaceNames()) {
			if (!topLevels.contains(BeanChangePlanner.topLevel(interfaceName))
					&& !ConversionBeans.INTERFACES.contains(interfaceName)) {
				throw new NotReplaceableException("the bean '" + beanName + "' of " + metadata.getClassName()
						+ " implements " + interfaceName + ", which beans that are not created again may look up");
			}
		}
	}

	private static @Nullable String repositoryInterface(BeanDefinition definition) {
		ConstructorArgumentValues.ValueHolder argument = definition.getConstructorArgumentValues()
			.getIndexedArgumentValue(0, null);
		Object value = (argument != null) ? argument.getValue() : null;
		return (value instanceof Class<?> type) ? type.getName() : (value instanceof String name) ? name : null;
	}

	private static boolean isA(String className, String superclassName) {
		ClassLoader classLoader = EntityChangePlanner.class.getClassLoader();
		// Library classes only: asking the base class loader for an application class would
		// load it there.
		if (!className.startsWith("org.springframework.") || !ClassUtils.isPresent(superclassName, classLoader) || !ClassUtils.isPresent(className, classLoader)) {
			return false;
		}
		return ClassUtils.resolveClassName(superclassName, classLoader)
			.isAssignableFrom(ClassUtils.resolveClassName(className, classLoader));
	}

	private static boolean isLoaded(String className, ClassLoader classLoader) {
		for (ClassLoader candidate = classLoader; candidate != null; candidate = candidate.getParent()) {
			if (candidate instanceof BeanClassLoader beans && beans.classNames().contains(className)) {
				return true;
			}
			if (candidate instanceof dev.reloadhook.reload.restart.RestartClassLoader generation) {
				return generation.loadedClass(className) != null;
			}
		}
		return false;
	}

	private static String packageOf(String internalName) {
		int slash = internalName.lastIndexOf('/');
		return (slash > 0) ? internalName.substring(0, slash) : "";
	}

}
