package dev.reloadhook.reload;

import java.time.Duration;

/**
 * What the coordinator needs from an embedded server that outlives generations: each
 * generation's server side registers one when it starts serving. Implemented for Tomcat;
 * other servers follow the same contract.
 *
 * @author reload-hook
 */
public interface GenerationTraffic {

	/**
	 * Return the number of requests this generation is serving right now.
	 * @return the in-flight request count
	 */
	int inFlight();

	/**
	 * Wait until this generation serves no request any more.
	 * @param timeout the longest time to wait
	 * @return whether it became idle in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException;

	/**
	 * Return how long switching traffic to this generation took.
	 * @return the switch time
	 */
	Duration switchTime();

}
