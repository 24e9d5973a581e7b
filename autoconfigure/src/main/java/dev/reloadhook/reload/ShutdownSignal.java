package dev.reloadhook.reload;

/**
 * Tells the parts that outlive generations (the shared server, retained resources)
 * whether the application is shutting down for good rather than for a reload.
 *
 * @author reload-hook
 */
@FunctionalInterface
public interface ShutdownSignal {

	/**
	 * A signal for a JVM that never shuts down for good, for code that runs outside a
	 * reloading JVM.
	 */
	ShutdownSignal NEVER = () -> false;

	/**
	 * Return whether the application is shutting down for good (not for a reload).
	 * @return whether it is shutting down
	 */
	boolean isShuttingDown();

}
