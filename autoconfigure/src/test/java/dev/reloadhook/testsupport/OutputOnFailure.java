package dev.reloadhook.testsupport;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the output of a test's application when the test fails, so that a failure on a
 * loaded machine can be understood from the build log.
 */
public final class OutputOnFailure implements TestWatcher {

	private final Supplier<RunningApplication> application;

	public OutputOnFailure(Supplier<RunningApplication> application) {
		this.application = application;
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		RunningApplication application = this.application.get();
		if (application != null) {
			System.out.println("Output of the application of " + context.getDisplayName() + ":\n" + application.output());
		}
	}

}
