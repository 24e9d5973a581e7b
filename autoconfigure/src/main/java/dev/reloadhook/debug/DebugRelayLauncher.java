package dev.reloadhook.debug;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.debug.relay.RelayMain;
import dev.reloadhook.hotswap.JdwpAgent;
import dev.reloadhook.restart.BaseContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Starts the debug relay when this JVM's JDWP agent listens on a loopback address. The
 * relay runs in a process of its own: a relay inside the application would freeze as soon
 * as a breakpoint suspends all threads.
 *
 * @author reload-hook
 */
public final class DebugRelayLauncher {

	private static final Log logger = LogFactory.getLog(DebugRelayLauncher.class);

	private DebugRelayLauncher() {
	}

	/**
	 * Start the relay if it is wanted and possible, logging one line either way (nothing
	 * when no JDWP agent is loaded).
	 * @param settings the debug settings
	 * @param instrumentation used to read the JDWP agent's port, may be {@code null}
	 * @return the relay, or {@code null} when none was started
	 */
	public static @Nullable DebugRelay launchIfWanted(ReloadHookProperties.Debug settings,
			@Nullable Instrumentation instrumentation) {
		JdwpAgent agent = JdwpAgent.current();
		if (!settings.getRelay().isEnabled() || !agent.isLoaded() || !agent.isSocketServer()) {
			return null;
		}
		String agentHost = (agent.host() != null) ? agent.host() : "localhost";
		String notStarted = notStarted(agentHost, instrumentation);
		if (notStarted != null) {
			logger.info("Debug relay not started: " + notStarted);
			return null;
		}
		Integer agentPort = listeningPort(agent, instrumentation);
		String agentAddress = agentHost + ":" + agentPort;
		if (agentPort == null) {
			logger.info("Debug relay not started: a debugger is already attached to the JDWP agent");
			return null;
		}
		if (agentPort == settings.getPort()) {
			logger.info("Debug relay not started: the JDWP agent itself listens on port " + agentPort
					+ "; debuggers attached to it directly keep their breakpoints only as far as they re-arm them "
					+ "(reloads restart while one is attached)");
			return null;
		}
		try {
			DebugRelay relay = start(settings, agentHost, agentPort);
			String listening = relay.awaitListening();
			logger.info("Debug relay listening on " + listening + " (forwarding to JDWP agent at " + agentAddress + ")");
			return relay;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Debug relay not started: it cannot listen on " + settings.getAddress() + ":"
					+ settings.getPort() + " (" + ex.getMessage() + "); attach debuggers to the JDWP agent at "
					+ agentAddress + " directly, or set reload-hook.debug.port");
			return null;
		}
	}

	private static @Nullable String notStarted(String agentHost, @Nullable Instrumentation instrumentation) {
		if (instrumentation == null) {
			return "the JDWP agent's port cannot be read without an agent for hot swap";
		}
		try {
			if (!InetAddress.getByName(agentHost).isLoopbackAddress()) {
				return "the JDWP agent listens on " + agentHost + ", not on a loopback address";
			}
		}
		catch (IOException ex) {
			return "the JDWP agent's host " + agentHost + " is unknown";
		}
		return null;
	}

	private static @Nullable Integer listeningPort(JdwpAgent agent, Instrumentation instrumentation) {
		try {
			return agent.listeningPort(instrumentation);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static DebugRelay start(ReloadHookProperties.Debug settings, String agentHost, int agentPort)
			throws IOException {
		List<String> command = List.of(java(), "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				classPath(), RelayMain.class.getName(), settings.getAddress(), Integer.toString(settings.getPort()),
				agentHost, Integer.toString(agentPort), Long.toString(ProcessHandle.current().pid()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		// The relay must not load a JDWP agent of its own (nor anything else) from there.
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("JDK_JAVA_OPTIONS");
		DebugRelay relay = new DebugRelay(builder.start());
		Runtime.getRuntime().addShutdownHook(BaseContext.newThread("reload-hook-debug-relay-stop", false, relay::close));
		return relay;
	}

	private static String java() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/** The relay's classes alone: the autoconfigure jar, or its class directory. */
	private static String classPath() throws IOException {
		try {
			return Path.of(RelayMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException | RuntimeException ex) {
			throw new IOException("the relay's class path cannot be found: " + ex.getMessage(), ex);
		}
	}

}
