package dev.reloadhook.reload.bean;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * Decides whether a change set is one the bean tier can apply, and which beans it
 * replaces or adds. Every changed or new class must be a leaf (nothing outside the change
 * set refers to it) and be a controller, a new component or a plain class used only by
 * them; nothing but class files may have changed.
 *
 * @author reload-hook
 */
final class BeanChangePlanner {

	static final String MARKER = BeanChangePlanner.class.getName() + ".replaced";

	/** The attribute with the binary name of a replacement bean's class as written. */
	static final String CLASS_NAME = BeanChangePlanner.class.getName() + ".className";

	private static final String CONTROLLER = "org.springframework.stereotype.Controller";

	private static final String COMPONENT = "org.springframework.stereotype.Component";

	private static final List<String> UNSUPPORTED_ANNOTATIONS = List.of(
			"org.springframework.context.annotation.Configuration",
			"org.springframework.web.bind.annotation.ControllerAdvice",
			"org.springframework.context.annotation.Conditional", "org.springframework.context.annotation.Scope",
			"org.springframework.context.annotation.Import",
			"org.springframework.boot.context.properties.ConfigurationProperties");

	private static final List<String> UNSUPPORTED_METHOD_ANNOTATIONS = List.of(
			"org.springframework.context.annotation.Bean", "org.springframework.context.event.EventListener");

	private final ReferenceIndex references = new ReferenceIndex();

	/**
	 * Plan a bean-tier reload.
	 * @param files the change set
	 * @param roots the class directories
	 * @param beanFactory the serving generation's bean factory
	 * @param classLoader the class loader the new classes' dependencies come from
	 * @return the beans and plain classes to define again, one entry per top-level class
	 * @throws NotReplaceableException if the change set is not for the bean tier
	 */
	List<BeanChange> plan(List<ChangedFile> files, List<Path> roots, ConfigurableListableBeanFactory beanFactory,
			ClassLoader classLoader) throws NotReplaceableException {
		Set<String> topLevels = new LinkedHashSet<>();
		for (ChangedFile file : files) {
			if (!file.isClassFile()) {
				throw new NotReplaceableException(file.relativeName() + " changed");
			}
			String className = className(file.relativeName());
			if (file.kind() == ChangedFile.Kind.DELETED) {
				throw new NotReplaceableException(className + " was deleted");
			}
			topLevels.add(topLevel(className));
		}
		if (topLevels.isEmpty()) {
			throw new NotReplaceableException("no class changed");
		}
		Map<String, Map<String, byte[]>> nests = new LinkedHashMap<>();
		for (String topLevel : topLevels) {
			nests.put(topLevel, readNest(roots, topLevel));
		}
		Set<String> internalNames = nests.values()
			.stream()
			.flatMap((nest) -> nest.keySet().stream())
			.map((name) -> name.replace('.', '/'))
			.collect(Collectors.toSet());
		String referrer;
		try {
			referrer = this.references.referrer(roots, internalNames, internalNames);
		}
		catch (RuntimeException ex) {
			throw new NotReplaceableException("the class files could not be read: " + ex.getMessage(), ex);
		}
		if (referrer != null) {
			throw new NotReplaceableException(referrer);
		}
		List<BeanChange> changes = new ArrayList<>();
		for (Map.Entry<String, Map<String, byte[]>> nest : nests.entrySet()) {
			changes.add(describe(nest.getKey(), nest.getValue(), beanFactory, classLoader));
		}
		if (changes.stream().noneMatch(BeanChange::bean)) {
			throw new NotReplaceableException("no controller or component changed");
		}
		return changes;
	}

	private BeanChange describe(String className, Map<String, byte[]> nest, ConfigurableListableBeanFactory beanFactory,
			ClassLoader classLoader) throws NotReplaceableException {
		AnnotationMetadata metadata = metadata(nest.get(className), classLoader);
		if (metadata.isInterface() || metadata.isAbstract()) {
			throw new NotReplaceableException(className + " is abstract");
		}
		for (String annotation : UNSUPPORTED_ANNOTATIONS) {
			if (metadata.isAnnotated(annotation)) {
				throw new NotReplaceableException(className + " is annotated with @"
						+ annotation.substring(annotation.lastIndexOf('.') + 1));
			}
		}
		for (String annotation : UNSUPPORTED_METHOD_ANNOTATIONS) {
			if (metadata.hasAnnotatedMethods(annotation)) {
				throw new NotReplaceableException(className + " has @"
						+ annotation.substring(annotation.lastIndexOf('.') + 1) + " methods");
			}
		}
		boolean controller = metadata.isAnnotated(CONTROLLER);
		boolean component = metadata.isAnnotated(COMPONENT);
		String existing = existingBean(className, beanFactory);
		if (existing == null && !component) {
			if (metadata.getAnnotationTypes().stream().anyMatch((type) -> type.startsWith("org.springframework."))) {
				throw new NotReplaceableException(className + " carries Spring annotations but is not a component");
			}
			return new BeanChange(className, nest, false, false, null);
		}
		if (metadata.getInterfaceNames().length > 0) {
			// Beans of its interfaces may be injected as collections or looked up by type.
			throw new NotReplaceableException(className + " implements interfaces");
		}
		if (existing != null && !controller) {
			throw new NotReplaceableException(className + " is an existing bean that is not a controller");
		}
		if (existing == null && !controller && !"java.lang.Object".equals(metadata.getSuperClassName())) {
			throw new NotReplaceableException(className + " is a new component with a superclass");
		}
		if (existing == null && !isScanned(className, beanFactory)) {
			throw new NotReplaceableException(className + " is outside the packages component scanning covers");
		}
		return new BeanChange(className, nest, true, controller, existing);
	}

	private static @Nullable String existingBean(String className, ConfigurableListableBeanFactory beanFactory)
			throws NotReplaceableException {
		List<String> names = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			Object written = definition.getAttribute(CLASS_NAME);
			if (className.equals((written != null) ? written : definition.getBeanClassName())) {
				if (!(definition instanceof ScannedGenericBeanDefinition) && definition.getAttribute(MARKER) == null) {
					throw new NotReplaceableException(
							"the bean '" + name + "' of " + className + " is not defined by component scanning");
				}
				names.add(name);
			}
		}
		if (names.size() > 1) {
			throw new NotReplaceableException(className + " is the class of several beans " + names);
		}
		return names.isEmpty() ? null : names.get(0);
	}

	private static boolean isScanned(String className, ConfigurableListableBeanFactory beanFactory) {
		if (!AutoConfigurationPackages.has(beanFactory)) {
			return false;
		}
		return AutoConfigurationPackages.get(beanFactory)
			.stream()
			.anyMatch((base) -> className.startsWith(base + "."));
	}

	static AnnotationMetadata metadata(byte @Nullable [] bytes, ClassLoader classLoader)
			throws NotReplaceableException {
		if (bytes == null) {
			throw new NotReplaceableException("a nested class changed but its outer class file is missing");
		}
		try {
			return new SimpleMetadataReaderFactory(classLoader).getMetadataReader(new ByteArrayResource(bytes))
				.getAnnotationMetadata();
		}
		catch (IOException | RuntimeException ex) {
			throw new NotReplaceableException("a class file could not be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Read a top-level class and its nested classes as they are on disk now.
	 */
	static Map<String, byte[]> readNest(List<Path> roots, String topLevel) throws NotReplaceableException {
		String packageName = (topLevel.lastIndexOf('.') > 0) ? topLevel.substring(0, topLevel.lastIndexOf('.')) : "";
		String simpleName = topLevel.substring(topLevel.lastIndexOf('.') + 1);
		Map<String, byte[]> nest = new LinkedHashMap<>();
		for (Path root : roots) {
			Path directory = packageName.isEmpty() ? root : root.resolve(packageName.replace('.', '/'));
			if (!Files.isDirectory(directory)) {
				continue;
			}
			try (DirectoryStream<Path> classFiles = Files.newDirectoryStream(directory,
					(file) -> isNestMember(file.getFileName().toString(), simpleName))) {
				for (Path file : classFiles) {
					String name = file.getFileName().toString();
					String className = (packageName.isEmpty() ? "" : packageName + ".")
							+ name.substring(0, name.length() - ".class".length());
					nest.putIfAbsent(className, Files.readAllBytes(file));
				}
			}
			catch (IOException ex) {
				throw new NotReplaceableException("the class files of " + topLevel + " could not be read", ex);
			}
		}
		if (!nest.containsKey(topLevel)) {
			throw new NotReplaceableException("the class file of " + topLevel + " is missing");
		}
		return nest;
	}

	private static boolean isNestMember(String fileName, String simpleName) {
		return fileName.endsWith(".class")
				&& (fileName.equals(simpleName + ".class") || fileName.startsWith(simpleName + "$"));
	}

	static String className(String relativeName) {
		return relativeName.substring(0, relativeName.length() - ".class".length()).replace('/', '.');
	}

	static String topLevel(String className) {
		int dollar = className.indexOf('$', className.lastIndexOf('.') + 1);
		return (dollar > 0) ? className.substring(0, dollar) : className;
	}

}
