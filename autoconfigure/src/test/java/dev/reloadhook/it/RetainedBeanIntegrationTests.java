package dev.reloadhook.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bean marked {@code @RetainedAcrossReloads} whose class comes from a jar: created once
 * across ten reloads, the same instance in every generation, listed by the endpoint, and
 * closed when the JVM ends. One marked the same way but of a class from the application's
 * class directory is created per generation, with one log line.
 */
class RetainedBeanIntegrationTests extends ApplicationTests {

	@Test
	void retainedBeanIsCreatedOnceAcrossTenReloadsAndClosedWhenTheJvmEnds() throws Exception {
		Path jar = brokerJar();
		Path log = this.temp.resolve("broker.log");
		SourceProject project = TestApp.create(this.temp);
		project.library(jar);
		project.source("app.BrokerConfiguration", """
				package app;

				import lib.Broker;

				import org.springframework.beans.factory.annotation.Value;
				import org.springframework.context.annotation.Bean;
				import org.springframework.context.annotation.Configuration;
				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RestController;

				import dev.reloadhook.retain.RetainedAcrossReloads;

				@Configuration(proxyBeanMethods = false)
				public class BrokerConfiguration {

					@Bean
					@RetainedAcrossReloads
					public Broker broker(@Value("${broker.log}") String log) {
						return new Broker(java.nio.file.Path.of(log));
					}

					@RestController
					public static class BrokerController {

						private final Broker broker;

						private final Local local;

						public BrokerController(Broker broker, Local local) {
							this.broker = broker;
							this.local = local;
						}

						@GetMapping("/broker")
						public String broker() {
							return this.broker.id() + " " + System.identityHashCode(this.local);
						}

					}

				}
				""");
		project.source("app.Local", """
				package app;

				@org.springframework.stereotype.Component
				@dev.reloadhook.retain.RetainedAcrossReloads
				public class Local {

				}
				""");
		project.compileAll();
		String classPath = project.classes() + File.pathSeparator + jar + File.pathSeparator + TestClassPath.asString();
		this.application = RunningApplication.start(classPath, List.of(), TestApp.MAIN, "--broker.log=" + log);
		Http http = new Http(this.application.awaitPort());
		String first = http.body("/broker");
		String brokerId = first.split(" ")[0];
		for (int generation = 2; generation <= 11; generation++) {
			http.restartTo(generation);
			String answer = http.body("/broker");
			assertThat(answer.split(" ")[0]).as("the same broker in generation %s", generation).isEqualTo(brokerId);
			assertThat(answer).as("a new Local in generation %s", generation).isNotEqualTo(first);
		}
		assertThat(Files.readAllLines(log)).containsExactly("created " + brokerId);
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<List<String>>read(state, "$.retained[?(@.name == 'broker')].details.class"))
			.containsExactly("lib.Broker");
		assertThat(JsonPath.<List<Integer>>read(state, "$.retained[?(@.name == 'broker')].createdBy")).containsExactly(1);
		assertThat(JsonPath.<List<Integer>>read(state, "$.retained[?(@.name == 'broker')].lastUsedBy"))
			.containsExactly(11);
		assertThat(this.application.lines("Bean 'local' is not retained across reloads: its class app.Local is "
				+ "reloaded with the application")).hasSize(1);
		this.application.close();
		assertThat(Files.readAllLines(log)).containsExactly("created " + brokerId, "closed " + brokerId);
	}

	/**
	 * A library class in a jar of its own: it logs its creation and closing to a file.
	 */
	private Path brokerJar() throws IOException {
		SourceProject library = new SourceProject(this.temp.resolve("lib-classes"));
		library.source("lib.Broker", """
				package lib;

				import java.io.IOException;
				import java.io.UncheckedIOException;
				import java.nio.file.Files;
				import java.nio.file.Path;
				import java.nio.file.StandardOpenOption;

				public class Broker implements AutoCloseable {

					private final Path log;

					private final String id = Long.toHexString(System.nanoTime());

					public Broker(Path log) {
						this.log = log;
						write("created " + this.id);
					}

					public String id() {
						return this.id;
					}

					@Override
					public void close() {
						write("closed " + this.id);
					}

					private void write(String line) {
						try {
							Files.writeString(this.log, line + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					}

				}
				""");
		library.compileAll();
		Path jar = this.temp.resolve("broker.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.walk(library.classes())) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new JarEntry(library.classes().relativize(file).toString().replace('\\', '/')));
				Files.copy(file, (OutputStream) out);
				out.closeEntry();
			}
		}
		return jar;
	}

}
