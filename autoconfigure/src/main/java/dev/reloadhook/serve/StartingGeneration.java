package dev.reloadhook.serve;

import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.restart.RestartClassLoader;
import org.jspecify.annotations.Nullable;

/**
 * The generation whose context asks its server factory for a web server: every reloading
 * server factory starts from it, and builds Spring Boot's own server when there is none.
 *
 * @param coordinator the coordinator of this JVM
 * @param id the generation number
 * @author reload-hook
 */
public record StartingGeneration(ReloadCoordinator coordinator, int id) {

	/**
	 * Return the generation the calling thread starts.
	 * @return the generation, or {@code null} when reloading is not active or the caller
	 * is no generation's (a context outside the generations, e.g. in a test)
	 */
	public static @Nullable StartingGeneration current() {
		ReloadCoordinator coordinator = ReloadCoordinator.instance();
		int generation = RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader());
		return (coordinator != null && generation != 0) ? new StartingGeneration(coordinator, generation) : null;
	}

	/**
	 * Return the web server of this generation.
	 * @param served its application in the shared server
	 * @return the web server
	 */
	public GenerationWebServer webServer(ServedGeneration served) {
		return new GenerationWebServer(served, this.id, this.coordinator);
	}

}
