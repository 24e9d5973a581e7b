package dev.reloadhook.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Source mode in the layouts other than one Maven module: Gradle's (classes and resources
 * in directories of their own), a Gradle composite build (the included build's project on
 * the class path as its jar) and a Maven reactor of two modules, on the class path as
 * {@code spring-boot:run} and {@code bootRun} put them.
 */
class SourceModeLayoutsIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(90);

	private static final String NAMES = """
			package lib;

			public class Names {

				public static String name() {
					return "%s";
				}

			}
			""";

	private static final String NAME_CONTROLLER = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class NameController {

				@org.springframework.beans.factory.annotation.Value("${greeting:hello}")
				private String greeting;

				@org.springframework.web.bind.annotation.GetMapping("/name")
				public String name() {
					return this.greeting + " " + lib.Names.name();
				}

			}
			""";

	@Test
	void gradleLayout() throws Exception {
		Path project = this.temp.resolve("gradle-project");
		Path java = Files.createDirectories(project.resolve("src/main/java/app"));
		Path resources = Files.createDirectories(project.resolve("src/main/resources"));
		Path resourceOutput = Files.createDirectories(project.resolve("build/resources/main"));
		SourceProject compiled = new SourceProject(project.resolve("build/classes/java/main"));
		compiled.source(TestApp.MAIN, TestApp.appSource()).source(TestApp.CONTROLLER, TestApp.controller("v1")).compileAll();
		Files.writeString(java.resolve("TestApp.java"), TestApp.appSource());
		Files.writeString(java.resolve("HelloController.java"), TestApp.controller("v1"));
		Files.writeString(resources.resolve("application.properties"), "greeting=hello\n");
		Files.copy(resources.resolve("application.properties"), resourceOutput.resolve("application.properties"));
		this.application = RunningApplication.start(compiled.classes() + File.pathSeparator + resourceOutput
				+ File.pathSeparator + TestClassPath.asString(), TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		this.application.awaitLine("compiles changed sources of " + project.resolve("src/main/java"));

		Files.writeString(java.resolve("HelloController.java"), TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		assertThat(compiled.classFile(TestApp.CONTROLLER)).exists();

		// Resources go to build/resources/main, not into the class directory.
		Files.writeString(java.resolve("NameController.java"),
				NAME_CONTROLLER.replace("lib.Names.name()", "\"gradle\""));
		Files.writeString(resources.resolve("application.properties"), "greeting=hi\n");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/name"), "hi gradle"::equals);
		assertThat(resourceOutput.resolve("application.properties")).hasContent("greeting=hi");
		assertThat(compiled.classes().resolve("application.properties")).doesNotExist();
	}

	@Test
	void gradleCompositeBuild() throws Exception {
		// The application's build includes the build in ../shared, whose project lib is on
		// the class path as the jar it built, as bootRun puts it there.
		Path app = Files.createDirectories(this.temp.resolve("app"));
		Files.writeString(app.resolve("settings.gradle.kts"), "includeBuild(\"../shared\")\n");
		Path shared = Files.createDirectories(this.temp.resolve("shared"));
		Files.writeString(shared.resolve("settings.gradle"), "rootProject.name = 'shared'\ninclude 'lib'\n");
		Path libJava = Files.createDirectories(shared.resolve("lib/src/main/java/lib"));
		Path appJava = Files.createDirectories(app.resolve("src/main/java/app"));
		SourceProject lib = new SourceProject(shared.resolve("lib/build/classes/java/main"));
		lib.source("lib.Names", NAMES.formatted("lib")).compileAll();
		Path libJar = lib.jar(shared.resolve("lib/build/libs/lib.jar"));
		SourceProject compiled = new SourceProject(app.resolve("build/classes/java/main")).dependsOn(libJar);
		compiled.source(TestApp.MAIN, TestApp.appSource()).source("app.NameController", NAME_CONTROLLER).compileAll();
		Files.writeString(libJava.resolve("Names.java"), NAMES.formatted("lib"));
		Files.writeString(appJava.resolve("TestApp.java"), TestApp.appSource());
		Files.writeString(appJava.resolve("NameController.java"), NAME_CONTROLLER);
		this.application = RunningApplication.start(compiled.classes() + File.pathSeparator + libJar
				+ File.pathSeparator + TestClassPath.asString(), TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		assertThat(this.application.awaitLine("reload-hook is on: watching")).contains(lib.classes().toString());
		this.application.awaitLine("compiles changed sources of " + libJava.getParent());
		assertThat(http.body("/name")).isEqualTo("hello lib");

		// The included build's source is compiled into its class directory, which the
		// generations load instead of the jar (which still holds the old class).
		Files.writeString(libJava.resolve("Names.java"), NAMES.formatted("included"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/name"), "hello included"::equals);
	}

	@Test
	void devToolsRestartExcludesAndAdditionalPaths() throws Exception {
		SourceProject project = TestApp.create(this.temp.resolve("app"));
		// A directory of generated classes that must not reload, as DevTools lets a
		// project say in META-INF/spring-devtools.properties.
		SourceProject generated = new SourceProject(this.temp.resolve("generated-classes"));
		generated.source("gen.Generated", "package gen; public class Generated { }").compileAll();
		project.resource("META-INF/spring-devtools.properties", "restart.exclude.generated=/generated-classes/\n");
		Path additional = Files.createDirectories(this.temp.resolve("additional"));
		this.application = RunningApplication.start(project.classes() + File.pathSeparator + generated.classes()
				+ File.pathSeparator + TestClassPath.asString(), TestApp.MAIN,
				"--reload-hook.watch.additional-paths=" + additional);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		String watching = this.application.awaitLine("reload-hook is on: watching");
		assertThat(watching).contains(project.classes().toString(), additional.toString())
			.doesNotContain(generated.classes().toString());

		generated.recompile("gen.Generated", "package gen; public class Generated { int changed; }");
		Files.writeString(additional.resolve("feature.flags"), "on\n");
		String reload = this.application.awaitLine("Generation 2 serving in");
		assertThat(reload).contains("changed: feature.flags");
		assertThat(http.body("/hello")).isEqualTo("v1");
	}

	@Test
	void aModuleOfTheBuildTakenFromTheLocalRepositoryIsNamedOnceAtStart() throws Exception {
		Path reactor = this.temp.resolve("installed");
		Files.writeString(Files.createDirectories(reactor).resolve("pom.xml"), """
				<project>
					<groupId>com.example</groupId>
					<artifactId>installed</artifactId>
					<version>1.0-SNAPSHOT</version>
					<packaging>pom</packaging>
					<modules>
						<module>lib</module>
						<module>app</module>
					</modules>
				</project>
				""");
		for (String module : new String[] { "lib", "app" }) {
			Files.createDirectories(reactor.resolve(module).resolve("src/main/java").resolve(module));
			Files.writeString(reactor.resolve(module).resolve("pom.xml"), """
					<project>
						<parent>
							<groupId>com.example</groupId>
							<artifactId>installed</artifactId>
							<version>1.0-SNAPSHOT</version>
						</parent>
						<artifactId>%s</artifactId>
					</project>
					""".formatted(module));
		}
		// mvn install, then mvn spring-boot:run in the application's module.
		SourceProject lib = new SourceProject(this.temp.resolve("lib-build/classes"));
		lib.source("lib.Names", NAMES.formatted("installed")).compileAll();
		Path libJar = lib.jar(this.temp.resolve("repository/com/example/lib/1.0-SNAPSHOT/lib-1.0-SNAPSHOT.jar"));
		SourceProject app = new SourceProject(reactor.resolve("app/target/classes")).library(libJar);
		app.source(TestApp.MAIN, TestApp.appSource()).source("app.NameController", NAME_CONTROLLER).compileAll();
		this.application = RunningApplication.start(app.classes() + File.pathSeparator + libJar + File.pathSeparator
				+ TestClassPath.asString(), TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		assertThat(http.body("/name")).isEqualTo("hello installed");
		assertThat(this.application.lines("is module")).singleElement()
			.asString()
			.contains("lib-1.0-SNAPSHOT.jar is module lib of this build (" + reactor.resolve("lib") + ")")
			.contains("does not reload")
			.contains("mvn -pl <application module> -am spring-boot:run");
	}

	@Test
	void mavenReactorOfTwoModules() throws Exception {
		Path reactor = this.temp.resolve("reactor");
		Files.writeString(Files.createDirectories(reactor).resolve("pom.xml"), """
				<project>
					<groupId>com.example</groupId>
					<artifactId>reactor</artifactId>
					<version>1.0</version>
					<packaging>pom</packaging>
					<properties>
						<maven.compiler.release>17</maven.compiler.release>
						<maven.compiler.parameters>true</maven.compiler.parameters>
					</properties>
				</project>
				""");
		Path libJava = Files.createDirectories(reactor.resolve("lib/src/main/java/lib"));
		Path appJava = Files.createDirectories(reactor.resolve("app/src/main/java/app"));
		for (String module : new String[] { "lib", "app" }) {
			Files.writeString(reactor.resolve(module).resolve("pom.xml"), """
					<project>
						<parent>
							<groupId>com.example</groupId>
							<artifactId>reactor</artifactId>
							<version>1.0</version>
						</parent>
						<artifactId>%s</artifactId>
					</project>
					""".formatted(module));
		}
		SourceProject lib = new SourceProject(reactor.resolve("lib/target/classes"));
		lib.source("lib.Names", NAMES.formatted("lib")).compileAll();
		SourceProject app = new SourceProject(reactor.resolve("app/target/classes")).dependsOn(lib.classes());
		app.source(TestApp.MAIN, TestApp.appSource()).source("app.NameController", NAME_CONTROLLER).compileAll();
		Files.writeString(libJava.resolve("Names.java"), NAMES.formatted("lib"));
		Files.writeString(appJava.resolve("TestApp.java"), TestApp.appSource());
		Files.writeString(appJava.resolve("NameController.java"), NAME_CONTROLLER);
		this.application = RunningApplication.start(app.classes() + File.pathSeparator + lib.classes()
				+ File.pathSeparator + TestClassPath.asString(), TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		assertThat(this.application.awaitLines("compiles changed sources of", 2)).hasSize(2);
		assertThat(http.body("/name")).isEqualTo("hello lib");

		// A sibling module's source: compiled with the reactor's settings into its own
		// class directory.
		Files.writeString(libJava.resolve("Names.java"), NAMES.formatted("sibling"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/name"), "hello sibling"::equals);
		assertThat(this.application.lines("compiles changed sources of .*lib.*--release, 17")).hasSize(1);

		Files.writeString(appJava.resolve("NameController.java"), NAME_CONTROLLER.replace("\" \"", "\", \""));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/name"), "hello, sibling"::equals);
	}

}
