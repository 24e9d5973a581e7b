package dev.reloadhook.observe.leak;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A closed generation still reachable after garbage collections.
 *
 * @param generation the generation number
 * @param closedAt when it was closed
 * @param detectedAt when it was found still reachable
 * @param gcs how many collections it survived
 * @param holders what likely keeps it reachable, most likely first
 * @param chain the path from a GC root that keeps it reachable, read from a heap dump;
 * empty when no strong path was found, {@code null} when none was looked for
 * @author reload-hook
 */
public record LeakSuspect(int generation, Instant closedAt, Instant detectedAt, int gcs, List<LeakHolder> holders,
		@Nullable String chain) {

	/**
	 * Create a suspect.
	 * @param generation the generation number
	 * @param closedAt when it was closed
	 * @param detectedAt when it was found
	 * @param gcs the collections survived
	 * @param holders the likely holders
	 * @param chain the reference chain, if looked for
	 */
	public LeakSuspect {
		holders = List.copyOf(holders);
	}

	/**
	 * Return how to fix the most likely holder.
	 * @return the hint
	 */
	public String hint() {
		if (!this.holders.isEmpty()) {
			return this.holders.get(0).kind().hint();
		}
		if (this.chain != null && !this.chain.isEmpty()) {
			return "cut the chain where it leaves the library: clear that entry or field when the context closes, "
					+ "or report the cache to the library";
		}
		if (this.chain != null) {
			return "unexplained: a heap dump shows no strong path from a GC root, only soft, weak or finalizer "
					+ "references, so it may still be collected; if it stays, look at a heap dump "
					+ "(jcmd <pid> GC.heap_dump)";
		}
		return "look at a heap dump (jcmd <pid> GC.heap_dump), or add com.squareup.leakcanary:shark-graph to have "
				+ "the reference chain named";
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
		if (this.chain != null && !this.chain.isEmpty()) {
			line.append(", reachable through ").append(this.chain);
		}
		if (this.holders.isEmpty()) {
			line.append("; no thread, driver, hook, thread local, MBean or static field of a library holds it directly");
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
