package dev.reloadhook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * Aggregates the runs per variant and writes the table (Markdown), the raw numbers (JSON)
 * and the chart (SVG).
 */
final class Report {

	private final BenchConfig config;

	private final Map<String, Object> machine;

	private final Scenario scenario;

	private final List<Variant> variants;

	private final List<RunResult> runs;

	private final double elapsedSeconds;

	private final Map<String, Summary> summaries = new LinkedHashMap<>();

	Report(BenchConfig config, Map<String, Object> machine, Scenario scenario, List<Variant> variants,
			List<RunResult> runs, double elapsedSeconds) {
		this.config = config;
		this.machine = machine;
		this.scenario = scenario;
		this.variants = variants;
		this.runs = runs;
		this.elapsedSeconds = elapsedSeconds;
		for (Variant variant : variants) {
			this.summaries.put(variant.id(),
					new Summary(variant, runs.stream().filter((run) -> run.variant.equals(variant.id())).toList()));
		}
	}

	/**
	 * One variant's runs, aggregated.
	 */
	static final class Summary {

		final Variant variant;

		final List<RunResult> runs;

		final Stats coldStart;

		final Stats reloadLatency;

		final Stats logged;

		final Stats maxGap;

		final Stats idle;

		final Stats during;

		final Stats dbOpened;

		final Stats h2Live;

		final Stats heapMb;

		final Stats metaspaceMb;

		final Stats loaders;

		final Stats liveGenerations;

		final long reloads;

		final long timeouts;

		final long sent;

		final long refused;

		final long failed;

		final long errors;

		final Map<String, Long> tiers;

		Summary(Variant variant, List<RunResult> runs) {
			this.variant = variant;
			this.runs = runs;
			List<RunResult.Reload> all = runs.stream().flatMap((run) -> run.reloads.stream()).toList();
			this.coldStart = stats(runs, (run) -> run.coldStartMs);
			this.reloadLatency = Stats.of(all.stream().map((r) -> r.latencyMs).filter((v) -> !v.isNaN()).toList());
			this.logged = Stats.of(all.stream().map((r) -> r.loggedMs).filter(Objects::nonNull).toList());
			this.maxGap = Stats.of(all.stream().map((r) -> r.maxGapMs).toList());
			this.idle = Stats.of(runs.stream().flatMapToDouble((run) -> DoubleStream.of(run.idleLatencies)).toArray());
			this.during = Stats
				.of(runs.stream().flatMapToDouble((run) -> DoubleStream.of(run.duringLatencies)).toArray());
			this.dbOpened = stats(runs, (run) -> run.dbConnectionsOpened);
			this.h2Live = stats(runs, (run) -> run.h2SessionsLive);
			this.heapMb = stats(runs, (run) -> (run.heapUsedKb != null) ? run.heapUsedKb / 1024.0 : null);
			this.metaspaceMb = stats(runs, (run) -> (run.metaspaceUsedKb != null) ? run.metaspaceUsedKb / 1024.0 : null);
			this.loaders = stats(runs, (run) -> run.restartClassLoaders);
			this.liveGenerations = stats(runs, (run) -> run.liveGenerationsEndpoint);
			this.reloads = all.size();
			this.timeouts = all.stream().filter((r) -> Double.isNaN(r.latencyMs)).count();
			this.sent = all.stream().mapToLong((r) -> r.sent).sum();
			this.refused = all.stream().mapToLong((r) -> r.refused).sum();
			this.failed = all.stream().mapToLong((r) -> r.failed).sum();
			this.errors = runs.stream().filter((run) -> run.error != null).count();
			this.tiers = all.stream()
				.filter((r) -> r.tier != null)
				.collect(java.util.stream.Collectors.groupingBy((r) -> r.tier, java.util.TreeMap::new,
						java.util.stream.Collectors.counting()));
		}

		private static Stats stats(List<RunResult> runs, Function<RunResult, Number> value) {
			return Stats.of(runs.stream().map(value).filter(Objects::nonNull).toList());
		}

		Map<String, Object> toJson() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("label", this.variant.label());
			map.put("runs", this.runs.size());
			map.put("runsWithErrors", this.errors);
			map.put("coldStartMs", json(this.coldStart));
			map.put("reloads", this.reloads);
			map.put("reloadTimeouts", this.timeouts);
			map.put("tiersUsed", this.tiers);
			map.put("reloadLatencyMs", json(this.reloadLatency));
			map.put("loggedReloadMs", json(this.logged));
			map.put("requestsSentInReloadWindows", this.sent);
			map.put("refusedInReloadWindows", this.refused);
			map.put("failedInReloadWindows", this.failed);
			map.put("maxGapMs", json(this.maxGap));
			map.put("idleLatencyMs", latency(this.idle));
			map.put("reloadWindowLatencyMs", latency(this.during));
			map.put("dbConnectionsOpenedPerRun", json(this.dbOpened));
			map.put("h2SessionsLiveAfterGc", json(this.h2Live));
			map.put("heapUsedAfterGcMb", json(this.heapMb));
			map.put("metaspaceUsedAfterGcMb", json(this.metaspaceMb));
			map.put("restartClassLoadersAfterGc", json(this.loaders));
			map.put("liveGenerationsFromEndpoint", json(this.liveGenerations));
			return map;
		}

		private static Map<String, Object> json(Stats stats) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("n", stats.count());
			map.put("median", stats.median());
			map.put("min", stats.min());
			map.put("max", stats.max());
			return map;
		}

		private static Map<String, Object> latency(Stats stats) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("n", stats.count());
			map.put("p50", stats.percentile(50));
			map.put("p99", stats.percentile(99));
			map.put("max", stats.max());
			return map;
		}

	}

	Summary summary(String id) {
		return this.summaries.get(id);
	}

	// ---- table -------------------------------------------------------------------------

	/**
	 * A cell: its text and the number a ratio is taken of.
	 */
	record Cell(String text, double value) {

		static final Cell NONE = new Cell("–", Double.NaN);

	}

	private record Row(String name, Function<Summary, Cell> cell, boolean ratio) {
	}

	private List<Row> rows() {
		int reloads = this.config.reloads();
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("Cold start: JVM launch → first 200 (ms), median [min–max]",
				(s) -> range(s.coldStart, "%.0f"), true));
		rows.add(new Row("**Reload: class write → first 200 with new text (ms)**, median [min–max] (n)",
				(s) -> s.variant.reloads() ? rangeN(s.reloadLatency, s.timeouts) : Cell.NONE, true));
		rows.add(new Row("Tier used (from the tool's log), reloads",
				(s) -> s.tiers.isEmpty() ? Cell.NONE
						: new Cell(String.join(", ",
								s.tiers.entrySet().stream().map((e) -> e.getKey() + " ×" + e.getValue()).toList()),
								Double.NaN),
				false));
		rows.add(new Row("Reload time in the tool's own log (ms), median ¹",
				(s) -> s.logged.isEmpty() ? Cell.NONE : new Cell(fmt("%.0f", s.logged.median()), s.logged.median()),
				false));
		rows.add(new Row("Requests refused during reloads (connect errors), total / sent",
				(s) -> s.variant.reloads() ? new Cell(s.refused + " / " + s.sent, s.refused) : Cell.NONE, true));
		rows.add(new Row("Requests failed during reloads (5xx, other status, reset, EOF), total",
				(s) -> s.variant.reloads() ? new Cell(Long.toString(s.failed), s.failed) : Cell.NONE, true));
		rows.add(new Row("Max gap between successful responses (ms), median [max] per reload",
				(s) -> s.variant.reloads() && !s.maxGap.isEmpty()
						? new Cell(fmt("%.0f", s.maxGap.median()) + " [" + fmt("%.0f", s.maxGap.max()) + "]",
								s.maxGap.median())
						: Cell.NONE,
				true));
		rows.add(new Row("Request latency idle (ms), p50 / p99 / max", (s) -> latency(s.idle), false));
		rows.add(new Row("Request latency in reload windows (ms), p50 / p99 / max (ratio of p99) ²",
				(s) -> s.variant.reloads() ? latency(s.during) : Cell.NONE, true));
		rows.add(new Row("Added p99 latency during reloads vs idle (ms)", (s) -> {
			if (!s.variant.reloads() || s.during.isEmpty() || s.idle.isEmpty()) {
				return Cell.NONE;
			}
			double added = s.during.percentile(99) - s.idle.percentile(99);
			return new Cell(fmt("%+.1f", added), added);
		}, false));
		rows.add(new Row("DB physical connections opened per run (HikariCP \"Added connection\"), median [min–max]",
				(s) -> range(s.dbOpened, "%.0f"), true));
		rows.add(new Row("H2 sessions open at the end (live `SessionLocal` after GC), median",
				(s) -> s.h2Live.isEmpty() ? Cell.NONE : new Cell(fmt("%.0f", s.h2Live.median()), s.h2Live.median()),
				false));
		rows.add(new Row("Heap used after full GC (MB), median [min–max] ³", (s) -> range(s.heapMb, "%.1f"), true));
		rows.add(new Row("Metaspace used after full GC (MB), median [min–max] ³", (s) -> range(s.metaspaceMb, "%.1f"),
				true));
		rows.add(new Row("Restart class loaders alive after " + reloads + " reloads (GC.class_histogram), median [max]",
				(s) -> s.loaders.isEmpty() ? Cell.NONE
						: new Cell(fmt("%.0f", s.loaders.median()) + " [" + fmt("%.0f", s.loaders.max()) + "]",
								s.loaders.median()),
				true));
		return rows;
	}

	String markdownTable() {
		List<Variant> devtools = this.variants.stream().filter(Variant::isDevTools).toList();
		List<Variant[]> pairs = new ArrayList<>();
		this.variants.stream()
			.filter(Variant::isReloadHook)
			.forEach((mine) -> devtools.forEach((theirs) -> pairs.add(new Variant[] { mine, theirs })));
		StringBuilder out = new StringBuilder();
		out.append("| metric |");
		this.variants.forEach((v) -> out.append(' ').append(v.label()).append(" |"));
		pairs.forEach((pair) -> out.append(' ').append(pair[0].shortLabel()).append(" / ").append(pair[1].shortLabel())
			.append(" |"));
		out.append("\n|---|");
		this.variants.forEach((v) -> out.append("---|"));
		pairs.forEach((pair) -> out.append("---|"));
		out.append('\n');
		for (Row row : rows()) {
			out.append("| ").append(row.name()).append(" |");
			for (Variant variant : this.variants) {
				out.append(' ').append(row.cell().apply(this.summaries.get(variant.id())).text()).append(" |");
			}
			for (Variant[] pair : pairs) {
				Cell mine = row.cell().apply(this.summaries.get(pair[0].id()));
				Cell theirs = row.cell().apply(this.summaries.get(pair[1].id()));
				out.append(' ').append(row.ratio() ? ratio(mine.value(), theirs.value()) : "").append(" |");
			}
			out.append('\n');
		}
		return out.toString();
	}

	static String ratio(double mine, double theirs) {
		if (Double.isNaN(mine) || Double.isNaN(theirs)) {
			return "–";
		}
		if (theirs == 0) {
			return (mine == 0) ? "=" : "∞";
		}
		return fmt("%.2f×", mine / theirs);
	}

	private static Cell range(Stats stats, String format) {
		if (stats.isEmpty()) {
			return Cell.NONE;
		}
		return new Cell(fmt(format, stats.median()) + " [" + fmt(format, stats.min()) + "–" + fmt(format, stats.max())
				+ "]", stats.median());
	}

	private static Cell rangeN(Stats stats, long timeouts) {
		if (stats.isEmpty()) {
			return new Cell("no reload served (" + timeouts + " timeouts)", Double.NaN);
		}
		String text = range(stats, "%.0f").text() + " (" + stats.count() + ")";
		return new Cell((timeouts > 0) ? text + ", " + timeouts + " timed out" : text, stats.median());
	}

	private static Cell latency(Stats stats) {
		if (stats.isEmpty()) {
			return Cell.NONE;
		}
		return new Cell(fmt("%.1f", stats.percentile(50)) + " / " + fmt("%.1f", stats.percentile(99)) + " / "
				+ fmt("%.0f", stats.max()), stats.percentile(99));
	}

	static String fmt(String format, double value) {
		return String.format(Locale.ROOT, format, value);
	}

	String markdown(String chartFile) {
		StringBuilder out = new StringBuilder();
		out.append("# reload-hook benchmark: ").append(this.machine.get("date")).append("\n\n");
		out.append("Mode **").append(this.config.quick() ? "quick" : "default").append("**: ")
			.append(this.config.iterations()).append(" iteration(s), each running every variant once in a rotated order (")
			.append(this.config.reloads()).append(" edits per reloading run); scenario: ")
			.append(this.scenario.description()).append(". Took ").append(fmt("%.0f", this.elapsedSeconds))
			.append(" s.\n\n");
		out.append("Machine: ").append(this.machine.get("nproc")).append(" cores, ").append(this.machine.get("cpuModel"))
			.append(", JDK ").append(this.machine.get("jdk")).append(", ").append(this.machine.get("os"))
			.append("; load average at start ").append(this.machine.get("loadAverageStart")).append(", at end ")
			.append(this.machine.get("loadAverageEnd")).append("; other JVMs running at start: ")
			.append(this.machine.get("otherJvmsAtStart")).append(".\n\n");
		out.append("Code: commit ").append(this.machine.get("gitCommit")).append("; reload-hook jars: ")
			.append(this.machine.get("reloadHookJars")).append(".\n\n");
		out.append("Application JVM options: `").append(String.join(" ", this.config.jvmArgs())).append("`; steady client: one keep-alive connection, one request every ")
			.append(this.config.clientIntervalMillis()).append(" ms.\n\n");
		out.append(markdownTable()).append('\n');
		out.append("RH = reload-hook, DT = DevTools; ratios are of the medians (of the totals for refused and failed).  \n");
		out.append("¹ reload-hook: \"Generation N serving in … ms\" / \"hot-swapped in … ms\" (from the first change seen, quiet period included, to done); ")
			.append("DevTools: \"Started … in … seconds\" of the restarted context (excludes detection and shutdown of the old one).  \n");
		out.append("² requests started between the class write and ").append(this.config.windowTailMillis())
			.append(" ms after the first response with the new text; idle: all other requests after ")
			.append(this.config.warmupMillis()).append(" ms of warm-up (the ").append(this.config.idleMillis())
			.append(" ms before the first edit and the time between reloads).  \n");
		out.append("³ plain and reload-hook/DevTools are measured at different points: plain after start-up only, the others after ")
			.append(this.config.reloads()).append(" reloads.\n\n");
		List<RunResult> failed = this.runs.stream().filter((run) -> run.error != null).toList();
		if (!failed.isEmpty()) {
			out.append("Runs with errors:\n\n");
			failed.forEach((run) -> out.append("- ").append(run.variant).append(" iteration ").append(run.iteration)
				.append(": ").append(run.error).append(" (log: `").append(run.log).append("`)\n"));
			out.append('\n');
		}
		out.append("Chart: [`").append(chartFile).append("`](").append(chartFile).append("); raw numbers: `")
			.append(chartFile.replace(".svg", ".json")).append("`.\n");
		return out.toString();
	}

	// ---- JSON --------------------------------------------------------------------------

	String json() {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("machine", this.machine);
		root.put("config", this.config.describe());
		root.put("scenario", Map.of("id", this.scenario.id(), "description", this.scenario.description()));
		root.put("elapsedSeconds", this.elapsedSeconds);
		Map<String, Object> variants = new LinkedHashMap<>();
		for (Variant variant : this.variants) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("label", variant.label());
			map.put("classPath", variant.classPath().name());
			map.put("systemProperties", variant.systemProperties());
			variants.put(variant.id(), map);
		}
		root.put("variants", variants);
		Map<String, Object> summary = new LinkedHashMap<>();
		this.summaries.forEach((id, s) -> summary.put(id, s.toJson()));
		root.put("summary", summary);
		root.put("runs", this.runs.stream().map(RunResult::toJson).toList());
		return Json.write(root);
	}

	// ---- SVG ---------------------------------------------------------------------------

	String svg() {
		SvgChart chart = new SvgChart(1200, 810);
		chart.text(20, 30, "reload-hook vs Spring Boot DevTools: demo-service, " + this.scenario.id(), 20, "start", true,
				"#111");
		chart.text(20, 52,
				this.machine.get("date") + " · " + this.machine.get("nproc") + " cores, " + this.machine.get("cpuModel")
						+ " · JDK " + this.machine.get("jdk") + " · " + (this.config.quick() ? "quick" : "default")
						+ " mode: " + this.config.iterations() + " iteration(s) × " + this.config.reloads()
						+ " edits per run",
				12, "start", false, "#555");
		double lx = 20;
		for (Variant variant : this.variants) {
			chart.rect(lx, 64, 14, 14, variant.color(), variant.color());
			chart.text(lx + 20, 76, variant.label(), 12, "start", false, "#222");
			lx += 40 + variant.label().length() * 6.6;
		}
		List<Variant> reloading = this.variants.stream().filter(Variant::reloads).toList();
		List<SvgChart.Group> latency = new ArrayList<>();
		List<SvgChart.Group> availability = new ArrayList<>();
		List<SvgChart.Group> coldStart = new ArrayList<>();
		List<SvgChart.Group> memory = new ArrayList<>();
		for (Variant variant : reloading) {
			Summary s = this.summaries.get(variant.id());
			latency.add(new SvgChart.Group(variant.shortLabel(),
					List.of(new SvgChart.Bar(s.reloadLatency.median(), s.reloadLatency.min(), s.reloadLatency.max(),
							variant.color(), false, fmt("%.0f ms", s.reloadLatency.median())))));
			availability.add(new SvgChart.Group(variant.shortLabel() + "\nof " + s.sent + " sent\nmax gap "
					+ fmt("%.0f", s.maxGap.median()) + " ms",
					List.of(new SvgChart.Bar(s.refused, Double.NaN, Double.NaN, variant.color(), false,
							Long.toString(s.refused)),
							new SvgChart.Bar(s.failed, Double.NaN, Double.NaN, variant.color(), true,
									Long.toString(s.failed)))));
		}
		for (Variant variant : this.variants) {
			Summary s = this.summaries.get(variant.id());
			coldStart.add(new SvgChart.Group(variant.shortLabel(), List.of(new SvgChart.Bar(s.coldStart.median(),
					s.coldStart.min(), s.coldStart.max(), variant.color(), false, fmt("%.0f", s.coldStart.median())))));
			String loaders = s.loaders.isEmpty() ? "no reloads"
					: fmt("%.0f", s.loaders.median()) + ((s.loaders.median() == 1) ? " loader" : " loaders");
			memory.add(new SvgChart.Group(variant.shortLabel() + "\n" + loaders,
					List.of(new SvgChart.Bar(s.heapMb.median(), s.heapMb.min(), s.heapMb.max(), variant.color(), false,
							fmt("%.0f MB", s.heapMb.median())))));
		}
		chart.panel(20, 90, 570, 345, "Reload latency: class write → first 200 with new text",
				"median bar, min–max whisker, ms (lower is better)", latency);
		chart.panel(610, 90, 570, 345, "Requests refused / failed during reloads",
				"solid: refused (connect errors) · hatched: failed (5xx, reset, EOF) · totals; max gap: median",
				availability);
		chart.panel(20, 450, 570, 345, "Cold start: JVM launch → first 200",
				"median bar, min–max whisker, ms", coldStart);
		chart.panel(610, 450, 570, 345, "Heap used after full GC",
				"MB, median; plain after start-up, others after " + this.config.reloads()
						+ " reloads; restart class loaders still alive below",
				memory);
		return chart.toString();
	}

	// ---- files -------------------------------------------------------------------------

	List<Path> write(Path directory) throws IOException {
		Files.createDirectories(directory);
		String mode = this.config.quick() ? "quick" : "default";
		List<Path> written = new ArrayList<>();
		for (String base : List.of("latest", mode)) {
			written.add(Files.writeString(directory.resolve(base + ".json"), json()));
			written.add(Files.writeString(directory.resolve(base + ".svg"), svg()));
			written.add(Files.writeString(directory.resolve(base + ".md"), markdown(base + ".svg")));
		}
		return written;
	}

}
