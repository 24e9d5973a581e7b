package dev.reloadhook.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	@Test
	void tableJsonAndWellFormedSvgFromRuns() throws Exception {
		BenchConfig config = new BenchConfig(Path.of("."), true, 1, 2, 0, 0, 0, 500, 5, 1000, 1000, List.of("-Xmx64m"),
				Variant.all().stream().map(Variant::id).toList(), 19100, Path.of("results"), Demo.SERVLET);
		List<RunResult> runs = new ArrayList<>();
		for (Variant variant : Variant.all()) {
			RunResult run = new RunResult(variant.id(), 1, runs.size() + 1);
			run.coldStartMs = 4000.0 + runs.size();
			run.heapUsedKb = 20_480L;
			run.idleLatencies = new double[] { 1, 2, 3 };
			if (variant.reloads()) {
				for (int k = 1; k <= 2; k++) {
					RunResult.Reload reload = new RunResult.Reload();
					reload.k = k;
					reload.latencyMs = variant.isReloadHook() ? 600 : 1200;
					reload.refused = variant.isReloadHook() ? 0 : 100;
					reload.sent = 300;
					reload.tier = variant.isReloadHook() ? "hotswap" : "restart";
					run.reloads.add(reload);
				}
				run.duringLatencies = new double[] { 2, 4 };
				run.restartClassLoaders = variant.isReloadHook() ? 1 : 3;
			}
			runs.add(run);
		}
		Map<String, Object> machine = new LinkedHashMap<>(Map.of("date", "2026-01-01", "nproc", 2, "cpuModel", "cpu",
				"jdk", "17", "os", "Linux", "loadAverageStart", "0", "loadAverageEnd", "0", "otherJvmsAtStart", 0));
		Scenario scenario = new Scenario() {
			@Override
			public String id() {
				return "test";
			}

			@Override
			public String description() {
				return "a test <scenario> & more";
			}

			@Override
			public String path() {
				return "/";
			}

			@Override
			public Edit edit(int k) {
				throw new UnsupportedOperationException();
			}
		};
		Report report = new Report(config, machine, scenario, Variant.all(), runs, 1.0);
		String table = report.markdownTable();
		assertThat(table).contains("| **Reload: class write → first 200 with new text (ms)**, median [min–max] (n) | – | 600 [600–600] (2) | 600 [600–600] (2) | 1200 [1200–1200] (2) | 1200 [1200–1200] (2) | 0.50× | 0.50× | 0.50× | 0.50× |");
		assertThat(table).contains("| Tier used (from the tool's log), reloads | – | hotswap ×2 | hotswap ×2 | restart ×2 | restart ×2 |");
		assertThat(table).contains("| 0 / 600 | 0 / 600 | 200 / 600 | 200 / 600 | 0.00× | 0.00× | 0.00× | 0.00× |");
		assertThat(report.json()).contains("\"reloadLatencyMs\": {\n        \"n\": 2,\n        \"median\": 600,");
		String svg = report.svg();
		// well-formed XML, so that a browser shows it
		DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(svg).contains("600 ms").contains("1 loader").contains("3 loaders");
	}

	@Test
	void niceAxisSteps() {
		assertThat(SvgChart.niceStep(612)).isEqualTo(1000);
		assertThat(SvgChart.niceStep(180)).isEqualTo(200);
		assertThat(SvgChart.niceStep(0.3)).isEqualTo(0.5);
		assertThat(SvgChart.niceStep(0)).isEqualTo(1);
	}

}
