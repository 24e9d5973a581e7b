package dev.reloadhook.reload.warm;

import java.io.IOException;
import java.net.URL;
import java.util.function.Predicate;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.util.ClassUtils;

/**
 * The metadata reader factory of one generation's configuration-class parsing: library
 * classes come from the {@link LibraryMetadata} all generations share, the application's
 * own classes are read again by each generation. Like Spring Boot's own shared factory,
 * it drops its per-generation cache once the context is refreshed.
 *
 * @author reload-hook
 */
final class GenerationMetadataReaderFactory extends CachingMetadataReaderFactory
		implements ApplicationListener<ContextRefreshedEvent> {

	private final ResourceLoader resourceLoader;

	private final Predicate<String> ownClassFile;

	private final LibraryMetadata library;

	/**
	 * Create the factory of a generation.
	 * @param resourceLoader the generation's context
	 * @param ownClassFile whether a class file path is one of the generation's own (in
	 * its class directories): those are never taken from the shared metadata
	 * @param library the metadata shared by all generations
	 */
	GenerationMetadataReaderFactory(ResourceLoader resourceLoader, Predicate<String> ownClassFile,
			LibraryMetadata library) {
		super(resourceLoader);
		this.resourceLoader = resourceLoader;
		this.ownClassFile = ownClassFile;
		this.library = library;
	}

	@Override
	public MetadataReader getMetadataReader(String className) throws IOException {
		String path = ClassUtils.convertClassNameToResourcePath(className) + ClassUtils.CLASS_FILE_SUFFIX;
		if (!this.ownClassFile.test(path)) {
			MetadataReader shared = this.library.find(className);
			if (shared != null) {
				return shared;
			}
			ClassLoader classLoader = this.resourceLoader.getClassLoader();
			URL url = (classLoader != null) ? classLoader.getResource(path) : null;
			MetadataReader read = (url != null) ? this.library.read(className, url) : null;
			if (read != null) {
				return read;
			}
		}
		return super.getMetadataReader(className);
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		clearCache();
	}

}
