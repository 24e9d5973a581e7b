package dev.reloadhook.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Puts reloads with chosen tiers, outcomes, durations and held requests into a
 * history as if they had run, for tests of what reads the history.
 */
public final class RecordedReloads {

	private RecordedReloads() {
	}

	public static ReloadRecord record(ReloadHistory history, ReloadTrigger trigger, ReloadTier tier,
			ReloadOutcome outcome, Duration duration, int heldRequests) {
		ReloadRecord last = history.last();
		long id = (last != null) ? last.id() + 1 : 1;
		ReloadRecord record = new ReloadRecord(id, 1, trigger, tier, "recorded by a test", List.of(), outcome,
				Instant.now(), duration, Map.of(), (outcome == ReloadOutcome.FAILURE) ? "failed in a test" : null,
				heldRequests);
		history.add(record);
		return record;
	}

	/**
	 * Put the given record into a history as it is.
	 */
	public static ReloadRecord add(ReloadHistory history, ReloadRecord record) {
		history.add(record);
		return record;
	}

}
