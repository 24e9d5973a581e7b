package dev.reloadhook.reload.warm;

import java.util.function.Predicate;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sets each generation up to reuse what the generations before it derived from the
 * libraries alone: the parsed metadata of library classes (see {@link LibraryMetadata})
 * and the classes the libraries do not have ({@link MissingClasses}, shared by the
 * generations' class loaders).
 * <p>
 * Each can be switched off with a system property, to measure it against a cold
 * generation: {@value #LIBRARY_METADATA_PROPERTY} and {@value #MISSING_CLASSES_PROPERTY}
 * set to {@code false}.
 *
 * @author reload-hook
 */
public final class WarmStart {

	/** Set to {@code false} to parse library classes again in every generation. */
	public static final String LIBRARY_METADATA_PROPERTY = "reload-hook.warm.library-metadata";

	/** Set to {@code false} to look absent library classes up again in every generation. */
	public static final String MISSING_CLASSES_PROPERTY = "reload-hook.warm.missing-classes";

	/**
	 * The bean Spring Boot's {@code SharedMetadataReaderFactoryContextInitializer}
	 * registers, unless one of that name exists, and hands to the configuration class
	 * post-processor (its constant is not public).
	 */
	static final String METADATA_READER_FACTORY = "org.springframework.boot.autoconfigure."
			+ "internalCachingMetadataReaderFactory";

	private final LibraryMetadata library;

	private final MissingClasses missingClasses = new MissingClasses();

	/**
	 * Create the warm start for the libraries of the given class loader.
	 * @param baseClassLoader the class loader of the libraries, parent of every
	 * generation's
	 */
	public WarmStart(ClassLoader baseClassLoader) {
		this.library = new LibraryMetadata(baseClassLoader);
	}

	/**
	 * Set up a generation's root context, before it refreshes.
	 * @param context the context
	 * @param ownClassFile whether a class file path is one of the generation's own
	 */
	public void initialize(ConfigurableApplicationContext context, Predicate<String> ownClassFile) {
		if (!enabled(LIBRARY_METADATA_PROPERTY) || context.getParent() != null
				|| !(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)
				|| registry.containsBeanDefinition(METADATA_READER_FACTORY)) {
			return;
		}
		// Registered before Spring Boot's post-processor runs: it then keeps this one and
		// gives it to the configuration class parser.
		RootBeanDefinition definition = new RootBeanDefinition(GenerationMetadataReaderFactory.class,
				() -> new GenerationMetadataReaderFactory(context, ownClassFile, this.library));
		definition.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(METADATA_READER_FACTORY, definition);
	}

	/**
	 * Return the classes the base class loader is known not to have, for a new
	 * generation's class loader to share.
	 * @return the missing classes (a set of its own when switched off)
	 */
	public MissingClasses missingClasses() {
		return enabled(MISSING_CLASSES_PROPERTY) ? this.missingClasses : new MissingClasses();
	}

	private static boolean enabled(String property) {
		return !"false".equalsIgnoreCase(System.getProperty(property));
	}

	/**
	 * Return the metadata shared by the generations.
	 * @return the library metadata
	 */
	public LibraryMetadata library() {
		return this.library;
	}

}
