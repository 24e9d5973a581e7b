package dev.reloadhook.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one reload did. Holds no reference to any generation, so history never keeps a
 * closed generation alive.
 *
 * @param id the reload number, starting at 1 for the first start
 * @param generation the generation that was started
 * @param trigger what asked for the reload
 * @param tier how it was carried out
 * @param reason why this tier was chosen
 * @param classes the classes that changed
 * @param outcome how it ended
 * @param startedAt when it started
 * @param duration from the first change seen (or the request) to the end: detection and
 * compilation included
 * @param phases the time spent in each phase that ran
 * @param error a one-line summary of the failure, {@code null} on success
 * @param heldRequests the requests that were in flight in the replaced generation when
 * the new one took over, and that the reload waited for before closing it
 * @author reload-hook
 */
public record ReloadRecord(long id, int generation, ReloadTrigger trigger, ReloadTier tier, String reason,
		List<String> classes, ReloadOutcome outcome, Instant startedAt, Duration duration, Map<ReloadPhase, Duration> phases, @Nullable String error,
		int heldRequests) {

	/**
	 * Create a record.
	 * @param id the reload number
	 * @param generation the generation started
	 * @param trigger the trigger
	 * @param tier the tier
	 * @param reason the reason for the tier
	 * @param classes the changed classes
	 * @param outcome the outcome
	 * @param startedAt the start
	 * @param duration the duration
	 * @param phases the phase timings
	 * @param error the failure summary
	 * @param heldRequests the requests held until they completed
	 */
	public ReloadRecord {
		classes = List.copyOf(classes);
		phases = Collections.unmodifiableMap(phases.isEmpty() ? new EnumMap<>(ReloadPhase.class) : new EnumMap<>(phases));
	}

}
