package dev.reloadhook.it;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Source mode with an annotation processor on the class path that throws on a class
 * named {@code Boom} and, for a class named {@code Slow}, holds the compilation until the
 * test opens a gate: a processor failure and saves made while a compilation runs.
 */
class SourceModeBadInputIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(90);

	private static final String PROCESSOR = """
			package proc;

			import java.nio.file.Files;
			import java.nio.file.Path;
			import java.util.Set;
			import java.util.concurrent.locks.LockSupport;

			import javax.annotation.processing.AbstractProcessor;
			import javax.annotation.processing.RoundEnvironment;
			import javax.annotation.processing.SupportedAnnotationTypes;
			import javax.lang.model.SourceVersion;
			import javax.lang.model.element.Element;
			import javax.lang.model.element.TypeElement;

			@SupportedAnnotationTypes("*")
			public class TestProcessor extends AbstractProcessor {

				@Override
				public SourceVersion getSupportedSourceVersion() {
					return SourceVersion.latestSupported();
				}

				@Override
				public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
					for (Element element : round.getRootElements()) {
						String name = element.getSimpleName().toString();
						if (name.equals("Boom")) {
							throw new IllegalStateException("the processor failed on Boom");
						}
						if (name.equals("Slow")) {
							Path gate = Path.of(System.getProperty("test.gate"));
							try {
								Files.createFile(gate.resolveSibling("compiling"));
							}
							catch (java.io.IOException ex) {
								throw new java.io.UncheckedIOException(ex);
							}
							long deadline = System.nanoTime() + 120_000_000_000L;
							while (!Files.exists(gate) && System.nanoTime() < deadline) {
								LockSupport.parkNanos(5_000_000L);
							}
						}
					}
					return false;
				}

			}
			""";

	private Path java;

	private Path gate;

	private Http http;

	@BeforeEach
	void start() throws Exception {
		Path project = this.temp.resolve("project");
		this.java = Files.createDirectories(project.resolve("src/main/java/app"));
		SourceProject compiled = new SourceProject(project.resolve("target/classes"));
		compiled.source(TestApp.MAIN, TestApp.appSource()).source(TestApp.CONTROLLER, TestApp.controller("v1")).compileAll();
		Files.writeString(this.java.resolve("TestApp.java"), TestApp.appSource());
		Files.writeString(this.java.resolve("HelloController.java"), TestApp.controller("v1"));
		this.gate = Files.createDirectories(this.temp.resolve("gate")).resolve("open");
		this.application = RunningApplication.start(compiled.classes() + File.pathSeparator + processorJar()
				+ File.pathSeparator + TestClassPath.asString(), List.of("-Dtest.gate=" + this.gate), TestApp.MAIN);
		this.http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		this.application.awaitLine("compiles changed sources of");
	}

	@Test
	void processorThatThrowsIsACompileErrorAndTheAppKeepsServing() throws Exception {
		Files.writeString(this.java.resolve("Boom.java"), "package app;\n\npublic class Boom {\n}\n");
		this.application.awaitLine("Boom.java:0: compilation failed: java.lang.IllegalStateException: the processor failed on Boom");
		this.application.awaitLine("Reload failed: compilation failed in");
		assertThat(this.http.body("/hello")).isEqualTo("v1");
		assertThat(this.temp.resolve("project/target/classes/app/Boom.class")).doesNotExist();

		Files.delete(this.java.resolve("Boom.java"));
		Files.writeString(this.java.resolve("HelloController.java"), TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> this.http.body("/hello"), "v2"::equals);
		assertThat(this.application.output()).doesNotContain("did not start");
	}

	@Test
	void savesDuringACompilationAreCoalescedIntoTheNextOne() throws Exception {
		this.http.awaitReloadFinished();
		long before = reloads();
		Files.writeString(this.java.resolve("Slow.java"), "package app;\n\npublic class Slow {\n}\n");
		await().atMost(RELOAD_TIMEOUT).until(() -> Files.exists(this.gate.resolveSibling("compiling")));

		// Three saves while the compiler is held: one compilation, one reload for them.
		Files.writeString(this.java.resolve("HelloController.java"), TestApp.controller("v2"));
		Files.writeString(this.java.resolve("Other.java"), "package app;\n\npublic class Other {\n}\n");
		Files.writeString(this.java.resolve("HelloController.java"), TestApp.controller("v3"));
		Files.createFile(this.gate);

		await().atMost(RELOAD_TIMEOUT).until(() -> this.http.body("/hello"), "v3"::equals);
		this.http.awaitReloadFinished();
		assertThat(reloads()).isEqualTo(before + 2);
		List<String> changes = JsonPath.read(this.http.body("/actuator/reload"), "$.last.changes");
		assertThat(changes).contains("app/HelloController.class", "app/Other.class");
		assertThat(this.application.output()).doesNotContain("Reload failed");
	}

	private long reloads() {
		return JsonPath.<Number>read(this.http.body("/actuator/reload"), "$.reloads.total").longValue();
	}

	private Path processorJar() throws Exception {
		SourceProject processor = new SourceProject(this.temp.resolve("processor"));
		processor.source("proc.TestProcessor", PROCESSOR).compileAll();
		Path jar = this.temp.resolve("processor.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(processor.classes())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new JarEntry(processor.classes().relativize(file).toString().replace('\\', '/')));
				Files.copy(file, out);
			}
			out.putNextEntry(new JarEntry("META-INF/services/javax.annotation.processing.Processor"));
			OutputStream entry = out;
			entry.write("proc.TestProcessor\n".getBytes());
		}
		return jar;
	}

}
