package dev.reloadhook.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * Base class of the tests that start an application in a JVM of its own and stop it
 * after each test.
 */
public abstract class ApplicationTests {

	@TempDir
	protected Path temp;

	protected RunningApplication application;

	/** A failing test prints what its application logged, and its threads. */
	@RegisterExtension
	final OutputOnFailure outputOnFailure = new OutputOnFailure(() -> this.application);

	@AfterEach
	void stopApplication() throws InterruptedException {
		if (this.application != null) {
			this.application.close();
		}
	}

	/**
	 * Wait until {@code /hello} answers the given body. Connection failures on the way are
	 * ignored (a server that cannot outlive a generation refuses connections while it
	 * restarts: tests that care count them with a steady client); the application's output
	 * is in the failure.
	 */
	protected void awaitAnswer(Http http, String answer) {
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
				.until(() -> http.body("/hello"), answer::equals);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("'" + answer + "' was not served:\n" + this.application.output(), ex);
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
