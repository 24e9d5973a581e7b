package dev.reloadhook.hotswap;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Tells whether a debugger is attached straight to this JVM's JDWP agent. Redefining a
 * class silently clears the breakpoints a debugger set in it, so hot swap must not run
 * behind a debugger's back.
 * <p>
 * The JDWP agent publishes its listening address as the agent property
 * {@code sun.jdwp.listenerAddress} and clears it while a debugger is connected.
 *
 * @author reload-hook
 */
final class DebuggerDetector {

	private static final String LISTENER_ADDRESS = "sun.jdwp.listenerAddress";

	private final boolean jdwpLoaded;

	DebuggerDetector() {
		this.jdwpLoaded = ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.anyMatch((argument) -> argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp"));
	}

	/**
	 * Return whether a debugger is (or may be) attached.
	 * @param instrumentation used to read the JDWP agent's state
	 * @return {@code true} if a debugger is attached, or if the JDWP agent is loaded and
	 * its state cannot be read
	 */
	boolean isDebuggerAttached(Instrumentation instrumentation) {
		if (!this.jdwpLoaded) {
			return false;
		}
		try {
			Properties agentProperties = agentProperties(instrumentation);
			String address = agentProperties.getProperty(LISTENER_ADDRESS);
			return address == null || address.isEmpty();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return true;
		}
	}

	private static Properties agentProperties(Instrumentation instrumentation) throws ReflectiveOperationException {
		Module javaBase = Object.class.getModule();
		Module own = DebuggerDetector.class.getModule();
		if (!javaBase.isExported("jdk.internal.vm", own)) {
			instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.vm", Set.of(own)), Map.of(),
					Set.of(), Map.of());
		}
		Method method = Class.forName("jdk.internal.vm.VMSupport").getMethod("getAgentProperties");
		return (Properties) method.invoke(null);
	}

}
