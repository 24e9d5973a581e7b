package dev.reloadhook.serve;

import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.restart.RestartClassLoader;
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
 * @param coordinator the coordinator of this JVM
 * @param id the generation number
 * @param server which of the generation's servers is asked for
 * @author reload-hook
 */
public record StartingGeneration(ReloadCoordinator coordinator, int id, Server server) {

	private static final String MANAGEMENT_NAMESPACE = "management";

	/**
	 * Return the generation the calling thread starts.
	 * @param context the context whose server factory asks, {@code null} if unknown
	 * @return the generation, or {@code null} when reloading is not active or the caller
	 * is no generation's (a context outside the generations, e.g. in a test)
	 */
	public static @Nullable StartingGeneration current(@Nullable ApplicationContext context) {
		ReloadCoordinator coordinator = ReloadCoordinator.instance();
		int generation = RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader());
		if (coordinator == null || generation == 0) {
			return null;
		}
		// Actuator's child context names its server "management" (management.server.port).
		boolean management = context != null
				&& WebServerApplicationContext.hasServerNamespace(context, MANAGEMENT_NAMESPACE);
		return new StartingGeneration(coordinator, generation, management ? Server.MANAGEMENT : Server.APPLICATION);
	}

	/**
	 * Return the web server of this generation.
	 * @param served its application in the shared server
	 * @return the web server
	 */
	public GenerationWebServer webServer(ServedGeneration served) {
		return new GenerationWebServer(served, this.id, this.server, this.coordinator);
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
