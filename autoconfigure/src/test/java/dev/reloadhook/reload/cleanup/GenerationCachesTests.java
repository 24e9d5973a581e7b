package dev.reloadhook.reload.cleanup;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generation's classes, put in Spring's static caches the way a refresh puts them, are
 * removed when it closes, so that it can be collected, while the library's own entries
 * stay warm for the next generation.
 */
class GenerationCachesTests {

	@TempDir
	Path temp;

	@Test
	void closedGenerationIsCollectedWhileLibraryEntriesStayCached() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("gen.Thing", """
				package gen;

				@org.springframework.stereotype.Component
				public class Thing {

					@org.springframework.transaction.annotation.Transactional
					public java.util.List<Thing> things(java.util.Map<String, Thing> byName) {
						return java.util.List.of();
					}

				}
				""");
		project.compileAll();
		WeakReference<ClassLoader> generation = useAndClose(project.classes());
		// Library entries filled at the same time are still there: the next generation
		// starts with them.
		assertThat(declaredMethodsCache()).containsKey(StringUtils.class);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return generation.get() == null;
		});
	}

	@Test
	void libraryEntriesReachNoGeneration() throws Exception {
		try (URLClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
			GenerationReferences references = new GenerationReferences(loader);
			Method method = ReflectionUtils.findMethod(StringUtils.class, "hasText", String.class);
			assertThat(references.reach(StringUtils.class)).isFalse();
			assertThat(references.reach(method)).isFalse();
			assertThat(references.reach(ResolvableType.forMethodReturnType(method))).isFalse();
			assertThat(references.reach(AnnotationUtils.findAnnotation(Transactional.class, Component.class)))
				.isFalse();
			assertThat(references.reach(loader)).isTrue();
		}
	}

	@Test
	void typeOfALibraryMemberAskedThroughAGenerationClassReachesIt() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("owner"));
		project.source("gen.Owner", """
				package gen;

				public class Owner {

				}
				""");
		project.compileAll();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { project.classes().toUri().toURL() },
				getClass().getClassLoader())) {
			Class<?> owner = loader.loadClass("gen.Owner");
			Method getClass = Object.class.getMethod("getClass");
			// Class<?> owned by Object owned by Owner, as Spring caches it for the class
			// property of an Owner: the generation's class is two owners away.
			ResolvableType type = ResolvableType.forType(getClass.getGenericReturnType(),
					ResolvableType.forClass(owner).as(Object.class));
			assertThat(new GenerationReferences(loader).reach(type)).isTrue();
			assertThat(new GenerationReferences(loader).reach(ResolvableType.forMethodReturnType(getClass)))
				.isFalse();
		}
	}

	private static WeakReference<ClassLoader> useAndClose(Path classes) throws Exception {
		URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				GenerationCachesTests.class.getClassLoader());
		Class<?> thing = loader.loadClass("gen.Thing");
		Method method = ReflectionUtils.findMethod(thing, "things", Map.class);
		// What a refresh does with an application class: declared methods, merged
		// annotations, generic types of its methods.
		ReflectionUtils.getDeclaredMethods(thing);
		ReflectionUtils.getDeclaredMethods(StringUtils.class);
		assertThat(MergedAnnotations.from(thing, SearchStrategy.TYPE_HIERARCHY).isPresent(Component.class)).isTrue();
		assertThat(AnnotationUtils.findAnnotation(method, Transactional.class)).isNotNull();
		assertThat(ResolvableType.forMethodReturnType(method).getGeneric(0).resolve()).isSameAs(thing);
		assertThat(ResolvableType.forMethodParameter(method, 0).getGeneric(1).resolve()).isSameAs(thing);
		assertThat(declaredMethodsCache()).containsKey(thing);
		GenerationCaches.clear(loader, null);
		loader.close();
		return new WeakReference<>(loader);
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> declaredMethodsCache() throws Exception {
		Field field = ReflectionUtils.class.getDeclaredField("declaredMethodsCache");
		field.setAccessible(true);
		return (Map<Object, Object>) field.get(null);
	}

}
