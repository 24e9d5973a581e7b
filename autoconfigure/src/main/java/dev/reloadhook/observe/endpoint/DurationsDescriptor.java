package dev.reloadhook.observe.endpoint;

import dev.reloadhook.reload.ReloadHistory;

/**
 * Reload durations over the kept history, the first start excluded.
 *
 * @param count the reloads measured
 * @param p50Ms the median, in milliseconds
 * @param p95Ms the 95th percentile, in milliseconds
 * @param maxMs the longest, in milliseconds
 * @author reload-hook
 */
public record DurationsDescriptor(int count, long p50Ms, long p95Ms, long maxMs) {

	static DurationsDescriptor of(ReloadHistory.Durations durations) {
		return new DurationsDescriptor(durations.count(), durations.median().toMillis(), durations.p95().toMillis(),
				durations.max().toMillis());
	}

}
