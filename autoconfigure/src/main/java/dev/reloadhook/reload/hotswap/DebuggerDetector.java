package dev.reloadhook.reload.hotswap;

import java.lang.instrument.Instrumentation;

/**
 * Tells whether a debugger is attached straight to this JVM's JDWP agent. Redefining a
 * class silently clears the breakpoints a debugger set in it, so hot swap must not run
 * behind a debugger's back.
 *
 * @author reload-hook
 */
final class DebuggerDetector {

	private final JdwpAgent agent = JdwpAgent.current();

	/**
	 * Return whether a debugger is (or may be) attached.
	 * @param instrumentation used to read the JDWP agent's state
	 * @return {@code true} if a debugger is attached, or if the JDWP agent is loaded and
	 * its state cannot be read
	 */
	boolean isDebuggerAttached(Instrumentation instrumentation) {
		if (!this.agent.isLoaded()) {
			return false;
		}
		try {
			return this.agent.listeningPort(instrumentation) == null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return true;
		}
	}

}
