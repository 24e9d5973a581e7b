package dev.reloadhook.reload.cleanup;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;

import example.library.TypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of library static caches at a generation's close: only the entries that
 * reach the closing class loader go, the library's other entries stay warm.
 */
class LibraryStaticCachesTests {

	private ThrowAwayLoader closing;

	private Class<?> closingType;

	@BeforeEach
	void defineClassInThrowAwayLoader() throws IOException {
		this.closing = new ThrowAwayLoader();
		this.closingType = this.closing.define(Entity.class);
	}

	@AfterEach
	void clearRegistry() {
		TypeRegistry.TYPES.clear();
		TypeRegistry.NAMES.clear();
		TypeRegistry.BASE_NAMES.clear();
		TypeRegistry.ACCESSOR.methods.clear();
	}

	@Test
	void mapLosesOnlyTheEntriesOfTheClosingLoader() throws Exception {
		Object closingObject = this.closingType.getDeclaredConstructor().newInstance();
		TypeRegistry.TYPES.put(this.closingType, "metadata of a closing class");
		TypeRegistry.TYPES.put("an instance", closingObject);
		TypeRegistry.TYPES.put("its loader", this.closing);
		TypeRegistry.TYPES.put(String.class, "metadata of a library class");
		TypeRegistry.TYPES.put(Entity.class, "metadata of the base loader's twin class");

		int removed = LibraryStaticCaches.evict(this.closing, instrumentation(TypeRegistry.class));

		assertThat(removed).isEqualTo(3);
		assertThat(TypeRegistry.TYPES).containsOnlyKeys(String.class, Entity.class);
	}

	@Test
	void lruCacheHoldingAClassOfTheClosingLoaderIsClearedAndOthersAreKept() {
		TypeRegistry.NAMES.get(this.closingType);
		TypeRegistry.NAMES.get(String.class);
		TypeRegistry.BASE_NAMES.get(String.class);
		TypeRegistry.BASE_NAMES.get(Entity.class);

		int removed = LibraryStaticCaches.evict(this.closing, instrumentation(TypeRegistry.class));

		assertThat(removed).isEqualTo(1);
		// Cleared whole: a removed entry would stay in the cache's eviction queue.
		assertThat(TypeRegistry.NAMES.size()).isZero();
		assertThat(TypeRegistry.BASE_NAMES.size()).isEqualTo(2);
		assertThat(TypeRegistry.BASE_NAMES.contains(Entity.class)).isTrue();
	}

	@Test
	void cacheOfASharedLibraryObjectLosesOnlyTheEntriesOfTheClosingLoader() {
		TypeRegistry.ACCESSOR.methods.put(this.closingType, "accessor of a closing class");
		TypeRegistry.ACCESSOR.methods.put(Entity.class, "accessor of the base loader's twin class");

		LibraryStaticCaches.evict(this.closing, instrumentation(TypeRegistry.class));

		assertThat(TypeRegistry.ACCESSOR.methods).containsOnlyKeys(Entity.class);
	}

	@Test
	void classesOfOtherLoadersAreLeftAlone() {
		TypeRegistry.TYPES.put(this.closingType, "metadata of a closing class");
		ThrowAwayLoader other = new ThrowAwayLoader();

		int removed = LibraryStaticCaches.evict(other, instrumentation(TypeRegistry.class));

		assertThat(removed).isZero();
		assertThat(TypeRegistry.TYPES).containsOnlyKeys(this.closingType);
	}

	@Test
	void withoutAListOfLoadedClassesNothingIsSwept() {
		TypeRegistry.TYPES.put(this.closingType, "metadata of a closing class");

		assertThat(LibraryStaticCaches.evict(this.closing, null)).isZero();
		assertThat(TypeRegistry.TYPES).containsOnlyKeys(this.closingType);
	}

	/** An instrumentation that lists the given classes as loaded. */
	private static Instrumentation instrumentation(Class<?>... loaded) {
		return (Instrumentation) Proxy.newProxyInstance(LibraryStaticCachesTests.class.getClassLoader(),
				new Class<?>[] { Instrumentation.class }, (proxy, method, args) -> {
					if (method.getName().equals("getAllLoadedClasses")) {
						return loaded.clone();
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

	/** Defined a second time, by a class loader thrown away after the test. */
	public static class Entity {

	}

	/** A class loader of its own, like a generation's, defining copies of test classes. */
	private static final class ThrowAwayLoader extends ClassLoader {

		ThrowAwayLoader() {
			super("throw-away", LibraryStaticCachesTests.class.getClassLoader());
		}

		Class<?> define(Class<?> type) throws IOException {
			String resource = type.getName().replace('.', '/') + ".class";
			try (InputStream input = getParent().getResourceAsStream(resource)) {
				byte[] bytes = input.readAllBytes();
				return defineClass(type.getName(), bytes, 0, bytes.length);
			}
		}

	}

}
