package dev.reloadhook.debug;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.debug.relay.RelayMain;
import dev.reloadhook.reload.hotswap.JdwpAgent;
import dev.reloadhook.reload.restart.BaseContext;
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
		String exposure = exposure(settings);
		if (exposure != null) {
			logger.warn("Debug relay not started: " + exposure);
			return null;
		}
		try {
			DebugRelay relay = start(settings, agentHost, agentPort, () -> listeningPort(agent, instrumentation));
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

	/**
	 * Return why the relay's address may not be used, or {@code null}: anyone who can reach
	 * the relay can run code in the application, so an address other than loopback needs
	 * an explicit opt-in, and is then logged as a warning.
	 */
	private static @Nullable String exposure(ReloadHookProperties.Debug settings) {
		InetAddress address;
		try {
			address = InetAddress.getByName(settings.getAddress());
		}
		catch (IOException ex) {
			return "reload-hook.debug.address " + settings.getAddress() + " is unknown";
		}
		if (address.isLoopbackAddress()) {
			return null;
		}
		if (!settings.isAllowRemote()) {
			return "reload-hook.debug.address " + settings.getAddress() + " is not a loopback address, and anyone "
					+ "who reaches the relay can run code in this application; set reload-hook.debug.allow-remote=true "
					+ "to listen there anyway";
		}
		logger.warn("Debug relay listens on " + settings.getAddress() + ", not on a loopback address "
				+ "(reload-hook.debug.allow-remote=true): anyone who reaches it can run code in this application");
		return null;
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

	private static DebugRelay start(ReloadHookProperties.Debug settings, String agentHost, int agentPort,
			Supplier<@Nullable Integer> currentAgentPort) throws IOException {
		List<String> command = List.of(java(), "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				classPath(), RelayMain.class.getName(), settings.getAddress(), Integer.toString(settings.getPort()),
				agentHost, Integer.toString(agentPort), Long.toString(ProcessHandle.current().pid()),
				Long.toString(settings.getRelay().getHandshakeTimeout().toMillis()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		// The relay must not load a JDWP agent of its own (nor anything else) from there.
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("JDK_JAVA_OPTIONS");
		DebugRelay relay = new DebugRelay(builder.start(), currentAgentPort);
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
