package dev.reloadhook.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.reloadhook.testsupport.SourceProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DependentSources}, over a Maven-layout project whose sources are
 * compiled with {@code javax.tools} into {@code target/classes}.
 */
class DependentSourcesTests {

	@TempDir
	Path project;

	private SourceProject compiled;

	private Path java;

	private DependentSources dependents;

	@BeforeEach
	void createProject() throws IOException {
		this.java = Files.createDirectories(this.project.resolve("src/main/java"));
		this.compiled = new SourceProject(this.project.resolve("target/classes"));
		SourceRoots roots = SourceRoots.of(this.compiled.classes());
		assertThat(roots).isNotNull();
		this.dependents = new DependentSources(roots);
	}

	@Test
	void sourcesWhoseClassFilesReferToAChangedClassDependOnIt() throws IOException {
		source("demo.Price", "package demo; public class Price { public int cents() { return 1; } }");
		source("demo.Cart", "package demo; public class Cart { int total(Price price) { return price.cents(); } }");
		source("demo.Checkout", "package demo; public class Checkout { Object cart = new Cart(); }");
		source("demo.Unrelated", "package demo; public class Unrelated { }");
		this.compiled.compileAll();
		assertThat(this.dependents.of(Set.of("demo/Price"))).containsExactly(sourceFile("demo.Cart"));
		// Only direct dependents: Checkout depends on Price through Cart alone.
		assertThat(this.dependents.of(Set.of("demo/Cart"))).containsExactly(sourceFile("demo.Checkout"));
	}

	@Test
	void theChangedClassesOwnSourcesAreNotTheirDependents() throws IOException {
		source("demo.Price", """
				package demo;
				public class Price {
					public static class Currency { }
					Currency currency = new Currency();
				}
				""");
		source("demo.Cart", "package demo; public class Cart { Price price; }");
		this.compiled.compileAll();
		assertThat(this.dependents.of(Set.of("demo/Price", "demo/Cart"))).isEmpty();
		// A nested class's source is its top-level class's file.
		assertThat(this.dependents.of(Set.of("demo/Price$Currency"))).isEmpty();
	}

	@Test
	void aNestedClassThatRefersToAChangedClassMakesItsTopLevelSourceADependent() throws IOException {
		source("demo.Price", "package demo; public class Price { }");
		source("demo.Shop", """
				package demo;
				public class Shop {
					static class Shelf {
						Object item = new demo.Price();
					}
				}
				""");
		this.compiled.compileAll();
		assertThat(this.dependents.of(Set.of("demo/Price"))).containsExactly(sourceFile("demo.Shop"));
	}

	@Test
	void sourcesNamingAChangedClassDependOnItWhateverTheirClassFilesSay() throws IOException {
		source("demo.Limits", "package demo; public class Limits { public static final int MAX_ITEMS = 10; }");
		source("demo.Basket", "package demo; public class Basket { boolean full(int items) { return items >= 10; } }");
		this.compiled.compileAll();
		assertThat(this.dependents.of(Set.of("demo/Limits"))).isEmpty();
		// Saved, not compiled yet; a compiler may leave no trace of an inlined constant.
		Files.writeString(sourceFile("demo.Basket"), """
				package demo;
				public class Basket {
					boolean full(int items) {
						return items >= Limits.MAX_ITEMS;
					}
				}
				""");
		assertThat(this.dependents.of(Set.of("demo/Limits"))).containsExactly(sourceFile("demo.Basket"));
	}

	@Test
	void aSourceNamingAnotherClassThatStartsTheSameIsNoDependent() throws IOException {
		source("demo.Price", "package demo; public class Price { }");
		source("demo.PriceList", "package demo; public class PriceList { String name = \"PriceListing\"; }");
		this.compiled.compileAll();
		assertThat(this.dependents.of(Set.of("demo/Price"))).isEmpty();
	}

	@Test
	void classFilesWhoseSourceIsGoneAreLeftOut() throws IOException {
		source("demo.Price", "package demo; public class Price { }");
		source("demo.Cart", "package demo; public class Cart { Price price; }");
		this.compiled.compileAll();
		// Deleted (or renamed) source, its class file not yet removed.
		Files.delete(sourceFile("demo.Cart"));
		assertThat(this.dependents.of(Set.of("demo/Price"))).isEmpty();
	}

	@Test
	void withoutAClassDirectorySourcesNamingTheClassStillDepend() throws IOException {
		source("demo.Price", "package demo; public class Price { }");
		source("demo.Cart", "package demo; public class Cart { Price price; }");
		source("demo.Unrelated", "package demo; public class Unrelated { }");
		this.compiled.compileAll();
		// The build is rebuilding the class directory (mvn clean).
		FileSystemUtils.deleteRecursively(this.compiled.classes());
		assertThat(this.dependents.of(Set.of("demo/Price"))).containsExactly(sourceFile("demo.Cart"));
	}

	@Test
	void aRecompiledDependentNoLongerReferringToTheClassIsNoLongerADependent() throws IOException {
		source("demo.Price", "package demo; public class Price { }");
		source("demo.Cart", "package demo; public class Cart { Price price; }");
		this.compiled.compileAll();
		assertThat(this.dependents.of(Set.of("demo/Price"))).containsExactly(sourceFile("demo.Cart"));
		source("demo.Cart", "package demo; public class Cart { Object item; }");
		this.compiled.recompile("demo.Cart", Files.readString(sourceFile("demo.Cart")));
		// The class file's references are cached per file version: the new one is read.
		assertThat(this.dependents.of(Set.of("demo/Price"))).isEmpty();
	}

	private void source(String className, String source) throws IOException {
		Path file = sourceFile(className);
		Files.createDirectories(file.getParent());
		Files.writeString(file, source);
		this.compiled.source(className, source);
	}

	private Path sourceFile(String className) {
		return this.java.resolve(className.replace('.', '/') + ".java");
	}

}
