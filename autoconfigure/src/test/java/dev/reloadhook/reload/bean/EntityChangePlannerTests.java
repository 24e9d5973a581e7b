package dev.reloadhook.reload.bean;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.watch.ChangedFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What makes an entity change one the bean tier leaves to a restart: startup code among
 * the classes that would be defined again, and classes new to the serving generation.
 */
class EntityChangePlannerTests {

	private static final String BOOK = """
			package app.books;

			@jakarta.persistence.Entity
			public class Book {
				@jakarta.persistence.Id
				private Long id;
				private String title;
			}
			""";

	@TempDir
	Path temp;

	private SourceProject project;

	private final EntityChangePlanner planner = new EntityChangePlanner(new ReferenceIndex());

	@BeforeEach
	void project() throws Exception {
		this.project = new SourceProject(this.temp.resolve("classes"));
	}

	@Test
	void anEntityChangeIsOneForTheEntityTier() throws Exception {
		this.project.source("app.books.Book", BOOK).compileAll();
		ClassLoader loader = getClass().getClassLoader();
		assertThat(this.planner.concerns(Set.of("app.books.Book"), roots(), loader)).isTrue();
		assertThat(this.planner.concerns(Set.of("app.books.Missing"), roots(), loader)).isFalse();
	}

	@Test
	void aConfigurationThatUsesTheEntityLeavesItToARestart() throws Exception {
		this.project.source("app.books.Book", BOOK).source("app.config.Shelf", """
				package app.config;

				@org.springframework.context.annotation.Configuration
				public class Shelf {
					@org.springframework.context.annotation.Bean
					app.books.Book first() {
						return new app.books.Book();
					}
				}
				""").compileAll();
		assertThatExceptionOfType(NotReplaceableException.class).isThrownBy(() -> plan("app.books.Book"))
			.withMessage("app.config.Shelf is annotated with @Configuration");
	}

	@Test
	void aListenerBesideTheEntityLeavesItToARestart() throws Exception {
		this.project.source("app.books.Book", BOOK).source("app.books.Arrivals", """
				package app.books;

				@org.springframework.stereotype.Component
				class Arrivals {
					@org.springframework.context.event.EventListener
					void ready(org.springframework.boot.context.event.ApplicationReadyEvent event) {
					}
				}
				""").compileAll();
		assertThatExceptionOfType(NotReplaceableException.class).isThrownBy(() -> plan("app.books.Book"))
			.withMessage("app.books.Arrivals.ready is annotated with @EventListener");
	}

	@Test
	void anEntityTheServingGenerationNeverLoadedLeavesItToARestart() throws Exception {
		this.project.source("app.books.Book", BOOK).compileAll();
		try (RestartClassLoader generation = generation()) {
			assertThatExceptionOfType(NotReplaceableException.class)
				.isThrownBy(() -> this.planner.plan(List.of(changed("app.books.Book")), Set.of("app.books.Book"),
						roots(), new DefaultListableBeanFactory(), generation))
				.withMessage("app.books.Book is new to the serving generation");
		}
	}

	private EntityPlan plan(String changed) throws Exception {
		try (RestartClassLoader generation = generation()) {
			generation.loadClass(changed);
			return this.planner.plan(List.of(changed(changed)), Set.of(changed), roots(), new DefaultListableBeanFactory(),
					generation);
		}
	}

	private RestartClassLoader generation() throws Exception {
		return new RestartClassLoader(1, new URL[] { this.project.classes().toUri().toURL() },
				getClass().getClassLoader());
	}

	private ChangedFile changed(String className) {
		return new ChangedFile(this.project.classes(), this.project.classFile(className), ChangedFile.Kind.MODIFIED);
	}

	private List<Path> roots() {
		return List.of(this.project.classes());
	}

}
