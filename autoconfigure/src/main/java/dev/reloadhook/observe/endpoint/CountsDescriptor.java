package dev.reloadhook.observe.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.reloadhook.reload.ReloadHistory;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadTier;

/**
 * Reload counts, the first start excluded, including reloads no longer kept.
 *
 * @param total all reloads
 * @param succeeded reloads whose new code serves
 * @param failed reloads whose new code did not start
 * @param byTier the counts of each tier by outcome
 * @author reload-hook
 */
public record CountsDescriptor(long total, long succeeded, long failed, Map<String, Map<String, Long>> byTier) {

	static CountsDescriptor of(ReloadHistory history) {
		long succeeded = history.count(ReloadOutcome.SUCCESS);
		long failed = history.count(ReloadOutcome.FAILURE);
		Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
		for (ReloadTier tier : ReloadTier.values()) {
			Map<String, Long> byOutcome = new LinkedHashMap<>();
			for (ReloadOutcome outcome : ReloadOutcome.values()) {
				byOutcome.put(EnumNames.of(outcome), history.count(tier, outcome));
			}
			byTier.put(EnumNames.of(tier), byOutcome);
		}
		return new CountsDescriptor(succeeded + failed, succeeded, failed, byTier);
	}

}
