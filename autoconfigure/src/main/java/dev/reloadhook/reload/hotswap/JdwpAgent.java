package dev.reloadhook.reload.hotswap;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * This JVM's JDWP agent, as given on the command line ({@code -agentlib:jdwp=...}) and as
 * it runs: the agent publishes the port it listens on as the agent property
 * {@code sun.jdwp.listenerAddress} ({@code dt_socket:<port>}) and clears it while a
 * debugger is connected.
 *
 * @author reload-hook
 */
public final class JdwpAgent {

	private static final String LISTENER_ADDRESS = "sun.jdwp.listenerAddress";

	private final @Nullable String options;

	JdwpAgent(@Nullable String options) {
		this.options = options;
	}

	/**
	 * Return the JDWP agent of this JVM, loaded or not.
	 * @return the agent
	 */
	public static JdwpAgent current() {
		return new JdwpAgent(ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp"))
			.map((argument) -> argument.substring(argument.indexOf(argument.startsWith("-X") ? ':' : '=') + 1))
			.findFirst()
			.orElse(null));
	}

	/**
	 * Return whether the agent is loaded.
	 * @return whether it is
	 */
	public boolean isLoaded() {
		return this.options != null;
	}

	/**
	 * Return whether the agent listens for debuggers (rather than connecting to one).
	 * @return whether it is a socket server
	 */
	public boolean isSocketServer() {
		return "y".equals(option("server")) && "dt_socket".equals(option("transport"));
	}

	/**
	 * Return the host part of the agent's {@code address} option.
	 * @return the host, or {@code null} when none is given: the agent then listens on
	 * the loopback interface only
	 */
	public @Nullable String host() {
		String address = option("address");
		int colon = (address != null) ? address.lastIndexOf(':') : -1;
		return (colon > 0) ? address.substring(0, colon) : null;
	}

	private @Nullable String option(String name) {
		if (this.options == null) {
			return null;
		}
		for (String option : this.options.split(",")) {
			if (option.startsWith(name + "=")) {
				return option.substring(name.length() + 1);
			}
		}
		return null;
	}

	/**
	 * Return the port the agent listens on now.
	 * @param instrumentation used to read the agent's state
	 * @return the port, or {@code null} while a debugger is attached
	 * @throws ReflectiveOperationException if the agent's state cannot be read
	 */
	public @Nullable Integer listeningPort(Instrumentation instrumentation) throws ReflectiveOperationException {
		String address = agentProperties(instrumentation).getProperty(LISTENER_ADDRESS);
		if (address == null || address.isEmpty()) {
			return null;
		}
		return Integer.valueOf(address.substring(address.lastIndexOf(':') + 1));
	}

	private static Properties agentProperties(Instrumentation instrumentation) throws ReflectiveOperationException {
		Module javaBase = Object.class.getModule();
		Module own = JdwpAgent.class.getModule();
		if (!javaBase.isExported("jdk.internal.vm", own)) {
			instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.vm", Set.of(own)), Map.of(),
					Set.of(), Map.of());
		}
		Method method = Class.forName("jdk.internal.vm.VMSupport").getMethod("getAgentProperties");
		return (Properties) method.invoke(null);
	}

}
