package dev.reloadhook.observe.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.reload.ReloadRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One reload.
 *
 * @param id the reload number
 * @param generation the generation it started
 * @param trigger {@code startup}, {@code files} or {@code manual}
 * @param changes the changed files
 * @param tier how it was carried out: {@code no-op}, {@code hotswap}, {@code bean} or
 * {@code restart}
 * @param reason why this tier
 * @param classes the classes that changed
 * @param outcome {@code success} or {@code failure}
 * @param startedAt when it started
 * @param durationMs how long it took, in milliseconds
 * @param phasesMs the time of each phase, in milliseconds
 * @param heldRequests the requests in flight in the replaced generation that the reload
 * waited for
 * @param error the failure, in one line
 * @author reload-hook
 */
public record ReloadDescriptor(long id, int generation, String trigger, List<String> changes, String tier,
		String reason, List<String> classes, String outcome, Instant startedAt, long durationMs,
		Map<String, Long> phasesMs, int heldRequests, @Nullable String error) implements OperationResponseBody {

	static ReloadDescriptor of(ReloadRecord record) {
		Map<String, Long> phases = new LinkedHashMap<>();
		record.phases().forEach((phase, duration) -> phases.put(EnumNames.of(phase), duration.toMillis()));
		return new ReloadDescriptor(record.id(), record.generation(), EnumNames.of(record.trigger().type()),
				record.trigger().files(), EnumNames.of(record.tier()), record.reason(), record.classes(),
				EnumNames.of(record.outcome()), record.startedAt(), record.duration().toMillis(), phases,
				record.heldRequests(), record.error());
	}

	static List<ReloadDescriptor> of(List<ReloadRecord> records) {
		return records.stream().map(ReloadDescriptor::of).toList();
	}

}
