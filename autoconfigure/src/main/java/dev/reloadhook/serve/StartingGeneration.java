package dev.reloadhook.serve;

import dev.reloadhook.reload.ShutdownSignal;
import dev.reloadhook.reload.TrafficSwitch;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * The generation whose context asks its server factory for a web server: every reloading
 * server factory starts from it, and builds Spring Boot's own server when there is none.
 * <p>
 * A generation can have two servers: its application's and, with
 * {@code management.server.port}, actuator's management server, which Spring Boot starts
 * in a child context of the generation's. Each outlives the generations the same way; the
 * management child context is part of its generation, never a generation of its own.
 *
 * @param traffic what the generation's server tells when it serves, and asks before
 * @param shutdown whether the application is shutting down for good
 * @param applicationServer the slot of the application's server of the JVM
 * @param managementServer the slot of the management server of the JVM
 * @param id the generation number
 * @param role which of the generation's servers is asked for
 * @author reload-hook
 */
public record StartingGeneration(TrafficSwitch traffic, ShutdownSignal shutdown, SharedServerSlot applicationServer,
		SharedServerSlot managementServer, int id, Server role) {

	// Actuator's child context names its server "management" (management.server.port).
	private static final String MANAGEMENT_NAMESPACE = "management";

	/**
	 * Return the generation whose server the given context's server factory starts: the
	 * bean of that type in the context or its parent (actuator's management child context,
	 * with {@code management.server.port}, makes a server factory of its own, of the same
	 * class, and asks for the generation's management server).
	 * @param context the context of the server factory
	 * @return the generation, or {@code null} when the context is none of a reloading
	 * generation's (the factory then behaves exactly like Spring Boot's)
	 */
	public static @Nullable StartingGeneration of(ApplicationContext context) {
		StartingGeneration generation = context.getBeanProvider(StartingGeneration.class).getIfAvailable();
		if (generation == null) {
			return null;
		}
		Server asked = WebServerApplicationContext.hasServerNamespace(context, MANAGEMENT_NAMESPACE)
				? Server.MANAGEMENT : Server.APPLICATION;
		return (asked != generation.role()) ? new StartingGeneration(generation.traffic(), generation.shutdown(),
				generation.applicationServer(), generation.managementServer(), generation.id(), asked) : generation;
	}

	/**
	 * Return the slot of the server asked for.
	 * @return the slot
	 */
	public SharedServerSlot server() {
		return (this.role == Server.MANAGEMENT) ? this.managementServer : this.applicationServer;
	}

	/**
	 * Return the web server of this generation.
	 * @param served its application in the shared server
	 * @return the web server
	 */
	public GenerationWebServer webServer(ServedGeneration served) {
		return new GenerationWebServer(served, this.id, this.role, this.traffic, this.shutdown);
	}

	/**
	 * The servers of a generation: each is one server of the JVM, shared by the
	 * generations.
	 */
	public enum Server {

		/** The application's server ({@code server.port}). */
		APPLICATION,

		/** Actuator's management server ({@code management.server.port}). */
		MANAGEMENT

	}

}
