package dev.reloadhook.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run (one application JVM of one variant) measured. Fields left {@code null}
 * were not measured (not applicable to the variant, or the run failed before).
 */
final class RunResult {

	final String variant;

	final int iteration;

	final int order;

	int port;

	long pid;

	String log;

	Double coldStartMs;

	/** Spring's own "Started ... in N seconds", in ms. */
	Double startedLogMs;

	final List<Reload> reloads = new ArrayList<>();

	/** Latencies (ms) of successful requests in the idle phase: pooled, not written to JSON. */
	double[] idleLatencies = new double[0];

	/** Latencies (ms) of successful requests started in reload windows. */
	double[] duringLatencies = new double[0];

	long requestsTotal;

	long connectionsOpened;

	Integer dbConnectionsOpened;

	Integer dbConnectionsClosed;

	Integer h2SessionsLive;

	Long heapUsedKb;

	Long metaspaceUsedKb;

	Integer restartClassLoaders;

	Integer liveGenerationsEndpoint;

	String error;

	RunResult(String variant, int iteration, int order) {
		this.variant = variant;
		this.iteration = iteration;
		this.order = order;
	}

	/**
	 * One reload: from the write of the class file to the first response with the new text,
	 * and what the steady client saw in its window.
	 */
	static final class Reload {

		int k;

		/** Write to first 200 with the new text; NaN if it did not come in time. */
		double latencyMs = Double.NaN;

		/** The tool's own figure from its log (reload-hook: "serving in N ms"; DevTools: "Started ... in"). */
		Double loggedMs;

		String loggedLine;

		/** The tier the tool used, from its log line ({@code restart}, {@code hotswap}, {@code no-op}). */
		String tier;

		long sent;

		long ok;

		long refused;

		long failed;

		long serverErrors;

		long otherStatus;

		long broken;

		double maxGapMs;

		Map<String, Object> toJson() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("k", this.k);
			map.put("latencyMs", this.latencyMs);
			map.put("loggedMs", this.loggedMs);
			map.put("tier", this.tier);
			map.put("requestsSent", this.sent);
			map.put("ok", this.ok);
			map.put("refused", this.refused);
			map.put("failed", this.failed);
			map.put("failed5xx", this.serverErrors);
			map.put("failedOtherStatus", this.otherStatus);
			map.put("failedBrokenConnection", this.broken);
			map.put("maxGapMs", this.maxGapMs);
			map.put("loggedLine", this.loggedLine);
			return map;
		}

	}

	Map<String, Object> toJson() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("variant", this.variant);
		map.put("iteration", this.iteration);
		map.put("orderInIteration", this.order);
		map.put("port", this.port);
		map.put("pid", this.pid);
		map.put("coldStartMs", this.coldStartMs);
		map.put("startedLogMs", this.startedLogMs);
		map.put("reloads", this.reloads.stream().map(Reload::toJson).toList());
		map.put("idleLatencyMs", latencySummary(this.idleLatencies));
		map.put("reloadWindowLatencyMs", latencySummary(this.duringLatencies));
		map.put("requestsTotal", this.requestsTotal);
		map.put("connectionsOpenedByClient", this.connectionsOpened);
		map.put("dbConnectionsOpened", this.dbConnectionsOpened);
		map.put("dbConnectionsClosed", this.dbConnectionsClosed);
		map.put("h2SessionsLiveAfterGc", this.h2SessionsLive);
		map.put("heapUsedAfterGcKb", this.heapUsedKb);
		map.put("metaspaceUsedAfterGcKb", this.metaspaceUsedKb);
		map.put("restartClassLoadersAfterGc", this.restartClassLoaders);
		map.put("liveGenerationsFromEndpoint", this.liveGenerationsEndpoint);
		map.put("error", this.error);
		map.put("log", this.log);
		return map;
	}

	static Map<String, Object> latencySummary(double[] values) {
		Stats stats = Stats.of(values);
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("count", stats.count());
		map.put("p50", stats.percentile(50));
		map.put("p90", stats.percentile(90));
		map.put("p99", stats.percentile(99));
		map.put("max", stats.max());
		return map;
	}

}
