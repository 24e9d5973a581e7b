package dev.reloadhook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, read from system properties ({@code -Dbench.*}); the defaults
 * are the documented ones, {@code -Dbench.quick=true} switches to the quick mode.
 *
 * @param root the repository root (holds {@code demo-service/})
 * @param quick whether this is the quick mode
 * @param iterations how many rounds; each round runs every variant once, in a rotated order
 * @param reloads edits (reloads) per run of a reloading variant
 * @param warmupMillis steady-client traffic after start-up that is not measured
 * @param idleMillis steady-client traffic before the first edit (with the time between reloads:
 * the idle latency sample)
 * @param settleMillis wait after a reload served the new text before the next edit
 * @param windowTailMillis a reload's window ends this long after the new text was first served
 * @param clientIntervalMillis the steady client starts one request every this many ms
 * @param reloadTimeoutMillis give up on a reload after this long
 * @param startTimeoutMillis give up on a start after this long
 * @param jvmArgs JVM options for every application JVM
 * @param variants the variants to run, by id
 * @param firstPort first port to try (the harness uses ports from here to 19999)
 * @param results where the results are written
 * @param demo the demo application that is run
 */
record BenchConfig(Path root, boolean quick, int iterations, int reloads, long warmupMillis, long idleMillis,
		long settleMillis, long windowTailMillis, long clientIntervalMillis, long reloadTimeoutMillis,
		long startTimeoutMillis, List<String> jvmArgs, List<String> variants, int firstPort, Path results, Demo demo) {

	static BenchConfig fromSystemProperties() {
		boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
		Path root = findRoot();
		List<String> variants = new ArrayList<>(Arrays.asList(System.getProperty("bench.variants",
				String.join(",", Variant.all().stream().map(Variant::id).toList())).split(",")));
		variants.replaceAll(String::trim);
		variants.removeIf(String::isEmpty);
		return new BenchConfig(root, quick, integer("bench.iterations", quick ? 2 : 4),
				integer("bench.reloads", quick ? 2 : 8), integer("bench.warmupMs", quick ? 500 : 1000),
				integer("bench.idleMs", quick ? 500 : 1000), integer("bench.settleMs", quick ? 800 : 1500),
				integer("bench.windowTailMs", 500), integer("bench.clientIntervalMs", 5),
				integer("bench.reloadTimeoutMs", 30_000), integer("bench.startTimeoutMs", 90_000),
				Arrays.asList(System.getProperty("bench.jvmArgs", "-Xmx512m -XX:TieredStopAtLevel=1").trim().split("\\s+")),
				variants, integer("bench.firstPort", 19100),
				Path.of(System.getProperty("bench.results", root.resolve("bench/results").toString())),
				Demo.fromSystemProperties());
	}

	Map<String, Object> describe() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("mode", this.quick ? "quick" : "default");
		map.put("demo", this.demo.description());
		map.put("iterations", this.iterations);
		map.put("reloadsPerRun", this.reloads);
		map.put("warmupMs", this.warmupMillis);
		map.put("idleMs", this.idleMillis);
		map.put("settleMs", this.settleMillis);
		map.put("windowTailMs", this.windowTailMillis);
		map.put("clientIntervalMs", this.clientIntervalMillis);
		map.put("reloadTimeoutMs", this.reloadTimeoutMillis);
		map.put("jvmArgs", this.jvmArgs);
		map.put("variants", this.variants);
		return map;
	}

	private static int integer(String name, int defaultValue) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? defaultValue : Integer.parseInt(value.trim());
	}

	private static Path findRoot() {
		String configured = System.getProperty("bench.root");
		if (configured != null) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		// `mvn -f bench exec:java` keeps the caller's working directory; `cd bench && mvn
		// exec:java` does not: accept both.
		Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			if (Files.isDirectory(candidate.resolve("demo-service")) && Files.isDirectory(candidate.resolve("bench"))) {
				return candidate.normalize();
			}
		}
		throw new IllegalStateException("Cannot find the repository root (with demo-service/ and bench/) from " + dir
				+ ": set -Dbench.root=<path>");
	}

}
