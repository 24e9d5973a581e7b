package dev.reloadhook.leak;

import java.time.Instant;
import java.util.List;

/**
 * A closed generation still reachable after garbage collections.
 *
 * @param generation the generation number
 * @param closedAt when it was closed
 * @param detectedAt when it was found still reachable
 * @param gcs how many collections it survived
 * @param holders what likely keeps it reachable, most likely first
 * @author reload-hook
 */
public record LeakSuspect(int generation, Instant closedAt, Instant detectedAt, int gcs, List<LeakHolder> holders) {

	/**
	 * Create a suspect.
	 * @param generation the generation number
	 * @param closedAt when it was closed
	 * @param detectedAt when it was found
	 * @param gcs the collections survived
	 * @param holders the likely holders
	 */
	public LeakSuspect {
		holders = List.copyOf(holders);
	}

	/**
	 * Return how to fix the most likely holder.
	 * @return the hint
	 */
	public String hint() {
		return this.holders.isEmpty() ? "look for a soft or weak cache: a heap dump tells (jcmd <pid> GC.heap_dump)"
				: this.holders.get(0).kind().hint();
	}

	/**
	 * Describe the suspect in one log line.
	 * @return the line
	 */
	public String logLine() {
		StringBuilder line = new StringBuilder("Leak suspect: generation ").append(this.generation)
			.append(" is still reachable after ")
			.append(this.gcs)
			.append((this.gcs == 1) ? " GC" : " GCs")
			.append(" since it closed");
		if (this.holders.isEmpty()) {
			line.append("; no thread, driver, hook, thread local, MBean or static field of a library holds it");
		}
		else {
			line.append(", held by ").append(this.holders.get(0).description());
			if (this.holders.size() > 1) {
				line.append(" and ").append(this.holders.size() - 1).append(" more");
			}
		}
		line.append("; fix: ").append(hint());
		return line.append(" (details: /actuator/reload/leaks)").toString();
	}

}
