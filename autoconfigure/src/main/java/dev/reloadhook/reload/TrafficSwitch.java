package dev.reloadhook.reload;

/**
 * What the serving layer tells the reload stage about a generation's traffic, and asks
 * it before switching: never the coordinator itself.
 *
 * @author reload-hook
 */
public interface TrafficSwitch {

	/**
	 * Return whether a generation was abandoned because it took too long to start: its
	 * server must never serve it.
	 * @param generation the generation number
	 * @return whether it was abandoned
	 */
	boolean isAbandoned(int generation);

	/**
	 * Called by the server side when a generation starts serving.
	 * @param generation the generation number
	 * @param traffic its traffic
	 */
	void serving(int generation, GenerationTraffic traffic);

	/**
	 * Called by the server side when a generation's server starts: switch to it now, or,
	 * when another generation serves, once the new one is ready (Spring Boot has run its
	 * runners and published {@code ACCEPTING_TRAFFIC}), so that no request meets a
	 * generation still starting. A generation that fails or is abandoned before it is
	 * ready never takes traffic.
	 * @param generation the generation number
	 * @param activation switches the server's traffic to the generation
	 */
	void switchWhenReady(int generation, Runnable activation);

}
