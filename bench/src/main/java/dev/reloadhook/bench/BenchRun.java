package dev.reloadhook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reloadhook.testsupport.RawHttp;

/**
 * One run: one application JVM of one variant, from launch to kill.
 * <ol>
 * <li>cold start: launch to the first 200 on the scenario's path;</li>
 * <li>steady client: warm-up, then the idle phase;</li>
 * <li>for reloading variants, each edit in turn: write the class files, wait for the first
 * 200 with the new text, let the reload settle;</li>
 * <li>memory after a full GC: heap, metaspace, restart class loaders and H2 sessions.</li>
 * </ol>
 */
final class BenchRun {

	private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");

	/** reload-hook's line: "Generation 2 serving in 412 ms (restart: ...", "... hot-swapped in 9 ms (hotswap: ...". */
	private static final Pattern RELOAD_HOOK_LINE = Pattern
		.compile("(?:Generation \\d+ (?:serving|hot-swapped)|Nothing to reload|did not start) in (\\d+) ms \\(([a-z-]+)");

	private static final Pattern HEAP = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

	private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

	private static final Pattern HISTOGRAM = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");

	private static final String H2_SESSION = "org.h2.engine.SessionLocal";

	/** HikariCP logs each physical connection it opens (the first at INFO, the others at DEBUG). */
	static final String HIKARI_DEBUG = "-Dlogging.level.com.zaxxer.hikari.pool=DEBUG";

	private static final String ADDED_CONNECTION = " - Added connection ";

	private static final String CLOSING_CONNECTION = " - Closing connection ";

	private final BenchConfig config;

	private final Variant variant;

	private final Scenario scenario;

	private final List<String> classPathJars;

	private final Path demoClasses;

	private final Path runDir;

	private final int port;

	private final RunResult result;

	BenchRun(BenchConfig config, Variant variant, Scenario scenario, List<String> classPathJars, Path demoClasses,
			Path runDir, int port, RunResult result) {
		this.config = config;
		this.variant = variant;
		this.scenario = scenario;
		this.classPathJars = classPathJars;
		this.demoClasses = demoClasses;
		this.runDir = runDir;
		this.port = port;
		this.result = result;
	}

	RunResult execute() throws Exception {
		Path classes = this.runDir.resolve("classes");
		Files.createDirectories(this.runDir);
		FileTrees.copy(this.demoClasses, classes);
		Path log = this.runDir.resolve("app.log");
		this.result.port = this.port;
		this.result.log = log.toString();
		List<String> command = new ArrayList<>();
		command.add(AppProcess.javaExecutable());
		command.addAll(this.config.jvmArgs());
		command.add(HIKARI_DEBUG);
		command.addAll(this.variant.systemProperties());
		command.add("-cp");
		command.add(classes + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, this.classPathJars));
		command.add(this.config.demo().mainClass());
		command.add("--server.port=" + this.port);
		command.add("--server.address=127.0.0.1");
		Files.writeString(this.runDir.resolve("command.txt"), String.join(" ", command) + "\n");
		try (AppProcess app = ReloadBenchmark.track(AppProcess.start(command, log))) {
			this.result.pid = app.pid();
			try {
				measure(app, classes);
			}
			catch (Exception ex) {
				this.result.error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
				System.out.println("    ERROR " + this.result.error + "\n    last log lines:\n" + app.tail(15).indent(6));
			}
			finally {
				ReloadBenchmark.untrack(app);
			}
		}
		return this.result;
	}

	private void measure(AppProcess app, Path classes) throws Exception {
		this.result.coldStartMs = ms(awaitFirstOk(app) - app.launchNanos());
		app.lines(STARTED.pattern())
			.stream()
			.findFirst()
			.map((line) -> STARTED.matcher(line.text()))
			.filter(Matcher::find)
			.ifPresent((matcher) -> this.result.startedLogMs = Double.parseDouble(matcher.group(1)) * 1000);
		long maxMillis = TimeUnit.MINUTES.toMillis(10);
		SteadyClient client = new SteadyClient(this.port, this.scenario.path(), this.config.clientIntervalMillis(),
				(int) (maxMillis / Math.max(1, this.config.clientIntervalMillis())) + 1000, maxMillis);
		List<long[]> windows = new ArrayList<>();
		long idleStart = 0;
		SteadyClient.Recording recording = null;
		try {
			parkMillis(this.config.warmupMillis());
			idleStart = System.nanoTime();
			parkMillis(this.config.idleMillis());
			if (this.variant.reloads()) {
				for (int k = 1; k <= this.config.reloads(); k++) {
					RunResult.Reload reload = reload(app, client, classes, k, windows);
					this.result.reloads.add(reload);
					System.out.printf("    edit %d: %s%n", k, Double.isNaN(reload.latencyMs) ? "TIMEOUT"
							: String.format("%.0f ms, %s", reload.latencyMs, reload.loggedLine));
					if (Double.isNaN(reload.latencyMs)) {
						throw new IllegalStateException("edit " + k + ": the new text was not served within "
								+ this.config.reloadTimeoutMillis() + " ms");
					}
				}
			}
		}
		finally {
			recording = client.stop();
			analyse(recording, windows);
			this.result.idleLatencies = idleLatencies(recording, idleStart, windows);
		}
		memory(app);
	}

	private RunResult.Reload reload(AppProcess app, SteadyClient client, Path classes, int k, List<long[]> windows)
			throws Exception {
		Scenario.Edit edit = this.scenario.edit(k);
		RunResult.Reload reload = new RunResult.Reload();
		reload.k = k;
		String done = this.variant.reloadDoneLog();
		int doneBefore = (done != null) ? app.count(done) : 0;
		SteadyClient.Expectation expectation = client.expect(edit.marker());
		for (Map.Entry<String, byte[]> file : edit.classFiles().entrySet()) {
			Path target = classes.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, file.getValue(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
					StandardOpenOption.WRITE);
		}
		long written = System.nanoTime();
		long seen = expectation.await(this.config.reloadTimeoutMillis());
		long windowEnd = ((seen != 0) ? seen : System.nanoTime())
				+ TimeUnit.MILLISECONDS.toNanos(this.config.windowTailMillis());
		windows.add(new long[] { written, windowEnd });
		if (seen == 0) {
			return reload;
		}
		reload.latencyMs = ms(seen - written);
		if (done != null) {
			app.awaitCount(done, doneBefore + 1, 15_000);
			List<AppProcess.Line> lines = app.lines(done);
			if (lines.size() > doneBefore) {
				AppProcess.Line line = lines.get(doneBefore);
				reload.loggedLine = line.text().replaceFirst("^.*?(Generation|Reload failed|Nothing to reload|Started)", "$1");
				Matcher reloadHook = RELOAD_HOOK_LINE.matcher(line.text());
				Matcher started = STARTED.matcher(line.text());
				if (reloadHook.find()) {
					reload.loggedMs = Double.parseDouble(reloadHook.group(1));
					reload.tier = reloadHook.group(2);
				}
				else if (started.find()) {
					reload.loggedMs = Double.parseDouble(started.group(1)) * 1000;
					reload.tier = "restart";
				}
			}
		}
		// Let the reload finish (old generation closed, watchers re-armed) and leave idle
		// time before the next edit.
		parkUntil(Math.max(seen + TimeUnit.MILLISECONDS.toNanos(this.config.settleMillis()), windowEnd));
		return reload;
	}

	private void analyse(SteadyClient.Recording recording, List<long[]> windows) {
		this.result.requestsTotal = recording.size();
		this.result.connectionsOpened = recording.connections();
		List<Double> during = new ArrayList<>();
		for (int w = 0; w < windows.size() && w < this.result.reloads.size(); w++) {
			long from = windows.get(w)[0];
			long to = windows.get(w)[1];
			RunResult.Reload reload = this.result.reloads.get(w);
			long previousOk = -1;
			for (int i = 0; i < recording.size(); i++) {
				long start = recording.starts()[i];
				long end = recording.ends()[i];
				byte outcome = recording.outcomes()[i];
				if (outcome == SteadyClient.OK) {
					// a gap between two successes counts for this reload if it overlaps the window
					if (previousOk >= 0 && end >= from && previousOk <= to) {
						reload.maxGapMs = Math.max(reload.maxGapMs, ms(end - previousOk));
					}
					previousOk = end;
				}
				if (start < from || start > to) {
					continue;
				}
				reload.sent++;
				switch (outcome) {
					case SteadyClient.OK -> {
						reload.ok++;
						during.add(ms(end - start));
					}
					case SteadyClient.REFUSED -> reload.refused++;
					case SteadyClient.SERVER_ERROR -> {
						reload.failed++;
						reload.serverErrors++;
					}
					case SteadyClient.OTHER_STATUS -> {
						reload.failed++;
						reload.otherStatus++;
					}
					default -> {
						reload.failed++;
						reload.broken++;
					}
				}
			}
		}
		this.result.duringLatencies = during.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/**
	 * Successful requests after the warm-up that started outside every reload window: the
	 * idle phase before the first edit and the quiet time between reloads.
	 */
	private static double[] idleLatencies(SteadyClient.Recording recording, long from, List<long[]> windows) {
		List<Double> values = new ArrayList<>();
		for (int i = 0; i < recording.size(); i++) {
			long start = recording.starts()[i];
			if (start < from || recording.outcomes()[i] != SteadyClient.OK) {
				continue;
			}
			boolean inWindow = false;
			for (long[] window : windows) {
				inWindow |= start >= window[0] && start <= window[1];
			}
			if (!inWindow) {
				values.add(ms(recording.ends()[i] - start));
			}
		}
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private void memory(AppProcess app) throws IOException, InterruptedException {
		app.jcmd("GC.run");
		String heap = app.jcmd("GC.heap_info");
		Matcher used = HEAP.matcher(heap);
		if (used.find()) {
			this.result.heapUsedKb = Long.parseLong(used.group(1));
		}
		Matcher metaspace = METASPACE.matcher(heap);
		if (metaspace.find()) {
			this.result.metaspaceUsedKb = Long.parseLong(metaspace.group(1));
		}
		// GC.class_histogram counts live objects only (it runs a full GC first).
		String histogram = app.jcmd("GC.class_histogram");
		int loaders = 0;
		int sessions = 0;
		for (String line : histogram.split("\n")) {
			Matcher matcher = HISTOGRAM.matcher(line);
			if (matcher.find()) {
				String type = matcher.group(2);
				if (type.equals(this.variant.restartClassLoader())) {
					loaders += Integer.parseInt(matcher.group(1));
				}
				else if (type.equals(H2_SESSION)) {
					sessions += Integer.parseInt(matcher.group(1));
				}
			}
		}
		if (this.variant.restartClassLoader() != null) {
			this.result.restartClassLoaders = loaders;
		}
		this.result.h2SessionsLive = sessions;
		this.result.dbConnectionsOpened = app.count(ADDED_CONNECTION);
		this.result.dbConnectionsClosed = app.count(CLOSING_CONNECTION);
		if (this.variant.isReloadHook()) {
			try {
				RawHttp.Response response = RawHttp.getOnce(this.port, "/actuator/reload", 5_000);
				Matcher live = Pattern.compile("\"liveGenerations\"\\s*:\\s*(\\d+)").matcher(response.body());
				if (response.status() == 200 && live.find()) {
					this.result.liveGenerationsEndpoint = Integer.parseInt(live.group(1));
				}
			}
			catch (IOException ex) {
				// reported as missing
			}
		}
	}

	private long awaitFirstOk(AppProcess app) {
		long deadline = app.launchNanos() + TimeUnit.MILLISECONDS.toNanos(this.config.startTimeoutMillis());
		while (true) {
			try {
				RawHttp.Response response = RawHttp.getOnce(this.port, this.scenario.path(), 5_000);
				if (response.status() == 200) {
					return System.nanoTime();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (!app.isAlive()) {
				throw new IllegalStateException("the application exited during start-up");
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("no 200 on " + this.scenario.path() + " within "
						+ this.config.startTimeoutMillis() + " ms");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	static double ms(long nanos) {
		return nanos / 1_000_000.0;
	}

	private static void parkMillis(long millis) {
		parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
	}

	private static void parkUntil(long deadline) {
		long now;
		while ((now = System.nanoTime()) < deadline) {
			LockSupport.parkNanos(deadline - now);
		}
	}

}
