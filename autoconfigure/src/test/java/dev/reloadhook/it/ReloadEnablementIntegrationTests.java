package dev.reloadhook.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reloading is off, with one line saying why, outside development.
 */
class ReloadEnablementIntegrationTests extends ApplicationTests {


	@Test
	void offWhenSwitchedOff() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		this.application = RunningApplication.start(project, TestApp.MAIN, "--reload-hook.enabled=false");
		Http http = new Http(this.application.awaitPort());
		assertThat(this.application.lines("reload-hook is off")).containsExactly(
				this.application.awaitLine("reload-hook is off: reload-hook.enabled is false"));
		assertThat(http.body("/hello")).isEqualTo("v1");
		assertThat(http.get("/actuator/reload").statusCode()).isEqualTo(404);
		assertThat(this.application.lines("reload-main-")).isEmpty();
	}

	@Test
	void offWhenRunningFromAPackagedJar() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Path jar = jar(project.classes(), this.temp.resolve("app.jar"));
		this.application = RunningApplication.start(jar + java.io.File.pathSeparator + TestClassPath.asString(),
				TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("reload-hook is off: running from a packaged jar");
		assertThat(http.body("/hello")).isEqualTo("v1");
		assertThat(http.get("/actuator/reload").statusCode()).isEqualTo(404);
	}

	private static Path jar(Path classes, Path jar) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter((path) -> !path.equals(classes)).toList()) {
				String name = classes.relativize(file).toString().replace('\\', '/');
				// Directory entries too, as a build tool writes them: component scanning
				// needs them.
				jarOut.putNextEntry(new JarEntry(Files.isDirectory(file) ? name + "/" : name));
				if (Files.isRegularFile(file)) {
					jarOut.write(Files.readAllBytes(file));
				}
				jarOut.closeEntry();
			}
		}
		return jar;
	}

}
