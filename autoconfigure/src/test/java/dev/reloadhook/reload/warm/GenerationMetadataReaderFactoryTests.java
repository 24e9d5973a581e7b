package dev.reloadhook.reload.warm;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.classreading.MetadataReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GenerationMetadataReaderFactory} and {@link LibraryMetadata}.
 */
class GenerationMetadataReaderFactoryTests {

	@TempDir
	Path temp;

	@Test
	void libraryClassesAreParsedOnceForAllGenerationsAndApplicationClassesByEach() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("demo.Config", """
				package demo;
				@org.springframework.context.annotation.Configuration
				public class Config { }
				""").compileAll();
		URL[] urls = { project.classes().toUri().toURL() };
		ClassLoader base = getClass().getClassLoader();
		LibraryMetadata library = new LibraryMetadata(base);
		String autoConfiguration = PropertyPlaceholderAutoConfiguration.class.getName();
		try (URLClassLoader first = new URLClassLoader(urls, base);
				URLClassLoader second = new URLClassLoader(urls, base)) {
			GenerationMetadataReaderFactory firstFactory = factory(first, project, library);
			GenerationMetadataReaderFactory secondFactory = factory(second, project, library);
			MetadataReader fromFirst = firstFactory.getMetadataReader(autoConfiguration);
			assertThat(secondFactory.getMetadataReader(autoConfiguration)).isSameAs(fromFirst);
			assertThat(fromFirst.getAnnotationMetadata().getClassName()).isEqualTo(autoConfiguration);
			// Nothing in the shared entry leads to a generation's class loader.
			assertThat(fromFirst.getResource()).isNotInstanceOf(ClassPathResource.class);
			MetadataReader ownFirst = firstFactory.getMetadataReader("demo.Config");
			MetadataReader ownSecond = secondFactory.getMetadataReader("demo.Config");
			assertThat(ownFirst).isNotSameAs(ownSecond);
			assertThat(ownSecond.getAnnotationMetadata().isAnnotated("org.springframework.context.annotation.Configuration"))
				.isTrue();
			assertThat(library.size()).isEqualTo(1);
		}
	}

	private static GenerationMetadataReaderFactory factory(ClassLoader classLoader, SourceProject project,
			LibraryMetadata library) {
		return new GenerationMetadataReaderFactory(new DefaultResourceLoader(classLoader),
				(path) -> project.classes().resolve(path).toFile().isFile(), library);
	}

}
