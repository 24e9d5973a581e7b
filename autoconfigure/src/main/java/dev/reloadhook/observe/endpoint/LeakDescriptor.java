package dev.reloadhook.observe.endpoint;

import java.time.Instant;
import java.util.List;

import dev.reloadhook.observe.leak.LeakSuspect;
import org.jspecify.annotations.Nullable;

/**
 * A leak suspect.
 *
 * @param generation the closed generation still reachable
 * @param closedAt when it was closed
 * @param detectedAt when it was found still reachable
 * @param gcs the garbage collections it survived
 * @param holders what likely holds it, most likely first
 * @param chain the path from a GC root that keeps it, read from a heap dump (empty: none
 * found; {@code null}: not looked for)
 * @param hint how to fix the most likely holder
 * @author reload-hook
 */
public record LeakDescriptor(int generation, Instant closedAt, Instant detectedAt, int gcs,
		List<HolderDescriptor> holders, @Nullable String chain, String hint) {

	static LeakDescriptor of(LeakSuspect suspect) {
		return new LeakDescriptor(suspect.generation(), suspect.closedAt(), suspect.detectedAt(), suspect.gcs(),
				suspect.holders()
					.stream()
					.map((holder) -> new HolderDescriptor(EnumNames.of(holder.kind()), holder.description()))
					.toList(),
				suspect.chain(), suspect.hint());
	}

}
