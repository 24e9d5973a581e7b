package dev.reloadhook.testsupport;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base class of the tests that start an application in a JVM of its own and stop it
 * after each test.
 */
public abstract class ApplicationTests {

	@TempDir
	protected Path temp;

	protected RunningApplication application;

	@AfterEach
	void stopApplication() throws InterruptedException {
		if (this.application != null) {
			this.application.close();
		}
	}

	/**
	 * Start the project's application and wait until it listens.
	 */
	protected Http start(SourceProject project, List<String> jvmArguments, String... args) throws Exception {
		this.application = RunningApplication.start(project, jvmArguments, TestApp.MAIN, args);
		return new Http(this.application.awaitPort());
	}

}
