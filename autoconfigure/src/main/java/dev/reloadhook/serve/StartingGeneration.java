package dev.reloadhook.serve;

import dev.reloadhook.reload.ShutdownSignal;
import dev.reloadhook.reload.TrafficSwitch;

/**
 * The generation whose context asks its server factory for a web server: every reloading
 * server factory starts from it, and builds Spring Boot's own server when there is none.
 *
 * @param traffic what the generation's server tells when it serves, and asks before
 * @param shutdown whether the application is shutting down for good
 * @param server the slot of the one server of the JVM
 * @param id the generation number
 * @author reload-hook
 */
public record StartingGeneration(TrafficSwitch traffic, ShutdownSignal shutdown, SharedServerSlot server,
		int id) {

	/**
	 * Return the web server of this generation.
	 * @param served its application in the shared server
	 * @return the web server
	 */
	public GenerationWebServer webServer(ServedGeneration served) {
		return new GenerationWebServer(served, this.id, this.traffic, this.shutdown);
	}

}
