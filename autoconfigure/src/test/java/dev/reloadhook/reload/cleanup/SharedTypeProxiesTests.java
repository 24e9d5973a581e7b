package dev.reloadhook.reload.cleanup;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reloadhook.testsupport.SourceProject;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two generations overlap: the next one starts while the older one serves. Generic types
 * that Spring shares between all callers (the {@code Class<?>} of {@code getClass()},
 * read for the {@code class} property of every bean, as Spring Data's mapping context
 * does) must not hand the next generation a proxy that keeps the older one's classes: the
 * older one is collected once it closes, while the next one still holds its types.
 */
class SharedTypeProxiesTests {

	private static final ClassLoader BASE = SharedTypeProxiesTests.class.getClassLoader();

	@TempDir
	Path temp;

	private Path classes;

	@BeforeEach
	void compile() throws Exception {
		SourceProject project = new SourceProject(this.temp.resolve("classes"));
		project.source("gen.Owner", """
				package gen;

				public class Owner {

					private java.util.List<String> tags = new java.util.ArrayList<>();

					public String getName() {
						return "owner";
					}

				}
				""");
		project.compileAll();
		this.classes = project.classes();
		// What other tests left there would answer for the generations below.
		ResolvableType.clearCache();
	}

	@Test
	void nextGenerationStartedWhileTheOlderServesDoesNotKeepIt() throws Exception {
		Generation older = new Generation();
		ResolvableType olderType = older.classProperty();
		// The next generation starts beside the older one.
		SharedTypeProxies.detachFromGenerations(BASE);
		Generation next = new Generation();
		ResolvableType nextType = next.classProperty();
		olderType = null;
		awaitCollected(older.close());
		// Still what it was.
		assertThat(nextType.getGeneric(0).getType().getTypeName()).isEqualTo("?");
		assertThat(nextType.resolve()).isEqualTo(Class.class);
		next.close();
	}

	@Test
	void typeTheOlderGenerationAsksForWhileTheNextStartsDoesNotKeepIt() throws Exception {
		Generation older = new Generation();
		SharedTypeProxies.detachFromGenerations(BASE);
		Generation next = new Generation();
		// The older generation, still serving, asks first; the next one receives its proxy.
		ResolvableType olderType = older.classProperty();
		ResolvableType nextType = next.classProperty();
		olderType = null;
		awaitCollected(older.close());
		assertThat(nextType.resolve()).isEqualTo(Class.class);
		next.close();
	}

	@Test
	void libraryTypeOfAnApplicationFieldIsNotHandedToTheNextGeneration() throws Exception {
		Generation older = new Generation();
		ResolvableType olderTags = older.tags();
		SharedTypeProxies.detachFromGenerations(BASE);
		Generation next = new Generation();
		ResolvableType nextTags = next.tags();
		olderTags = null;
		awaitCollected(older.close());
		assertThat(nextTags.getGeneric(0).resolve()).isEqualTo(String.class);
		assertThat(nextTags.toClass()).isEqualTo(List.class);
		next.close();
	}

	private static void awaitCollected(WeakReference<ClassLoader> generation) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return generation.get() == null;
		});
	}

	/** A generation's class loader, dropped when it closes. */
	private final class Generation {

		private @Nullable URLClassLoader loader;

		Generation() throws Exception {
			this.loader = new URLClassLoader(new URL[] { SharedTypeProxiesTests.this.classes.toUri().toURL() }, BASE);
		}

		/** The type of the {@code class} property, read as Spring Data's type information reads it. */
		ResolvableType classProperty() throws Exception {
			Class<?> owner = owner();
			Method getter = BeanUtils.getPropertyDescriptor(owner, "class").getReadMethod();
			ResolvableType type = ResolvableType.forMethodReturnType(getter, owner);
			assertThat(type.hasGenerics()).isTrue();
			return type;
		}

		ResolvableType tags() throws Exception {
			ResolvableType type = ResolvableType.forField(ReflectionUtils.findField(owner(), "tags"));
			assertThat(type.getGeneric(0).resolve()).isEqualTo(String.class);
			return type;
		}

		private Class<?> owner() throws ClassNotFoundException {
			assertThat(this.loader).isNotNull();
			return this.loader.loadClass("gen.Owner");
		}

		WeakReference<ClassLoader> close() throws Exception {
			URLClassLoader closing = this.loader;
			this.loader = null;
			assertThat(closing).isNotNull();
			GenerationCaches.clear(closing, null);
			closing.close();
			return new WeakReference<>(closing);
		}

	}

}
