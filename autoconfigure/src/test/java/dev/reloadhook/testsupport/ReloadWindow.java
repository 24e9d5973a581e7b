package dev.reloadhook.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/**
 * The time span of one reload, as the application's {@code reload} endpoint reports it:
 * its start, and its duration in whole milliseconds.
 *
 * @param id the reload number
 * @param tier the tier it took
 * @param outcome how it ended
 * @param start when it started
 * @param durationMs how long it took, rounded down to the millisecond
 */
public record ReloadWindow(long id, String tier, String outcome, Instant start, long durationMs) {

	/**
	 * Return the windows of the kept reloads, the first start excluded, oldest first.
	 */
	public static List<ReloadWindow> history(Http http) {
		List<Map<String, Object>> reloads = JsonPath.read(http.body("/actuator/reload/history"),
				"$.reloads[?(@.trigger != 'startup')]");
		return reloads.stream()
			.map((reload) -> new ReloadWindow(((Number) reload.get("id")).longValue(), (String) reload.get("tier"),
					(String) reload.get("outcome"), Instant.parse((String) reload.get("startedAt")),
					((Number) reload.get("durationMs")).longValue()))
			.toList();
	}

	/**
	 * Return the latest moment the reload may have ended (its duration is rounded down).
	 */
	public Instant latestEnd() {
		return this.start.plus(Duration.ofMillis(this.durationMs + 1));
	}

	/**
	 * Return the earliest moment the reload may have ended.
	 */
	public Instant earliestEnd() {
		return this.start.plus(Duration.ofMillis(this.durationMs));
	}

}
