package dev.reloadhook.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Source mode on a project built by Maven itself: the class files the application starts
 * with come from {@code mvn compile} of a pom whose parent is
 * {@code spring-boot-starter-parent} and whose {@code maven-compiler-plugin} runs Lombok
 * from {@code annotationProcessorPaths} (not on the application's class path).
 */
@SuppressWarnings("unchecked")
class SourceModeBuildIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(90);

	private static final String POM = """
			<project xmlns="http://maven.apache.org/POM/4.0.0">
				<modelVersion>4.0.0</modelVersion>
				<parent>
					<groupId>org.springframework.boot</groupId>
					<artifactId>spring-boot-starter-parent</artifactId>
					<version>4.0.7</version>
					<relativePath/>
				</parent>
				<groupId>com.example</groupId>
				<artifactId>built</artifactId>
				<version>1.0</version>
				<dependencies>
					<dependency>
						<groupId>org.springframework.boot</groupId>
						<artifactId>spring-boot-starter-webmvc</artifactId>
					</dependency>
					<dependency>
						<groupId>org.projectlombok</groupId>
						<artifactId>lombok</artifactId>
						<optional>true</optional>
					</dependency>
				</dependencies>
				<build>
					<plugins>
						<plugin>
							<groupId>org.apache.maven.plugins</groupId>
							<artifactId>maven-compiler-plugin</artifactId>
							<configuration>
								<annotationProcessorPaths>
									<path>
										<groupId>org.projectlombok</groupId>
										<artifactId>lombok</artifactId>
									</path>
								</annotationProcessorPaths>
							</configuration>
						</plugin>
					</plugins>
				</build>
			</project>
			""";

	private static final String PERSON = """
			package app;

			@lombok.Getter
			@lombok.RequiredArgsConstructor
			public class Person {

				private final String name;
			%s
			}
			""";

	private static final String PERSON_CONTROLLER = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class PersonController {

				@org.springframework.web.bind.annotation.GetMapping("/person")
				public String person() {
					return %s;
				}

			}
			""";

	@Test
	void unchangedSaveIsANoOpAndLombokRunsOnSave() throws Exception {
		Path project = this.temp.resolve("built");
		Path java = Files.createDirectories(project.resolve("src/main/java/app"));
		Files.writeString(project.resolve("pom.xml"), POM);
		Files.writeString(java.resolve("TestApp.java"), TestApp.appSource());
		Files.writeString(java.resolve("HelloController.java"), TestApp.controller("v1"));
		Files.writeString(java.resolve("Person.java"), PERSON.formatted(""));
		Files.writeString(java.resolve("PersonController.java"),
				PERSON_CONTROLLER.formatted("new Person(\"ann\").getName()"));
		mavenCompile(project);
		Path classes = project.resolve("target/classes");
		byte[] built = Files.readAllBytes(classes.resolve("app/HelloController.class"));
		// Lombok is not on the application's class path (spring-boot:run leaves it out as
		// start.spring.io's poms say): source mode must find it in the local repository.
		String classPath = classes + File.pathSeparator + TestClassPath.entries()
			.stream()
			.filter((entry) -> !entry.contains("lombok"))
			.reduce((a, b) -> a + File.pathSeparator + b)
			.orElseThrow();
		this.application = RunningApplication.start(classPath, TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		String settings = this.application.awaitLine("compiles changed sources of");
		assertThat(settings).contains("-g, -parameters, --release, 17, -encoding, UTF-8")
			.contains(project.resolve("pom.xml").toString());
		assertThat(http.body("/person")).isEqualTo("ann");

		// Saved without a change: the same bytes as Maven's, so nothing reloads.
		Files.writeString(java.resolve("HelloController.java"), TestApp.controller("v1"));
		this.application.awaitLine("Nothing to reload in .*app/HelloController.class");
		Map<String, Object> last = last(http);
		assertThat(last).containsEntry("tier", "no-op").containsEntry("outcome", "success");
		assertThat((Map<String, Object>) last.get("phasesMs")).containsKey("compile");
		assertThat(Files.readAllBytes(classes.resolve("app/HelloController.class"))).isEqualTo(built);

		// A new Lombok-generated getter, used by another class saved with it.
		Files.writeString(java.resolve("Person.java"), PERSON.formatted("\n\tprivate final String city = \"paris\";\n"));
		Files.writeString(java.resolve("PersonController.java"), PERSON_CONTROLLER
			.formatted("new Person(\"ann\").getName() + \" \" + new Person(\"ann\").getCity()"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/person"), "ann paris"::equals);
		assertThat(last(http)).containsEntry("tier", "restart").containsEntry("outcome", "success");
	}

	private static void mavenCompile(Path project) throws Exception {
		Process maven = new ProcessBuilder("mvn", "-B", "-ntp", "-q", "compile").directory(project.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(maven.getInputStream().readAllBytes());
		assertThat(maven.waitFor(10, TimeUnit.MINUTES)).isTrue();
		assertThat(maven.exitValue()).as(output).isZero();
	}

	private static Map<String, Object> last(Http http) {
		http.awaitReloadFinished();
		return JsonPath.read(http.body("/actuator/reload"), "$.last");
	}

}
