package dev.reloadhook.testsupport;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints the output of a test's application, and the stacks of its threads, when the test
 * fails, so that a failure on a loaded machine can be understood from the build log. It
 * runs before the application is stopped, while a hung request still waits.
 */
public final class OutputOnFailure implements TestExecutionExceptionHandler {

	private final Supplier<RunningApplication> application;

	public OutputOnFailure(Supplier<RunningApplication> application) {
		this.application = application;
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
		RunningApplication application = this.application.get();
		if (application != null) {
			System.out.println("Output of the application of " + context.getDisplayName() + ":\n" + application.output());
			if (application.isAlive()) {
				System.out.println("Its threads:\n" + application.threadDump());
			}
		}
		throw cause;
	}

}
