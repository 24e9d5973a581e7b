package dev.reloadhook.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures reload-hook against Spring Boot DevTools on the demo service: cold start,
 * reload latency, availability under a steady client, DB connections and memory. Run it
 * with {@code mvn -q -f bench exec:java} (after {@code mvn -q -DskipTests install}); see
 * {@code bench/README-section.md}.
 */
public final class ReloadBenchmark {

	private static final Set<AppProcess> LIVE = ConcurrentHashMap.newKeySet();

	private ReloadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long begin = System.nanoTime();
		BenchConfig config = BenchConfig.fromSystemProperties();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(AppProcess::kill), "bench-cleanup"));
		Map<String, Object> machine = machine();
		List<Variant> variants = new ArrayList<>();
		for (String id : config.variants()) {
			variants.add(Variant.all()
				.stream()
				.filter((variant) -> variant.id().equals(id))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown variant '" + id + "', known: "
						+ Variant.all().stream().map(Variant::id).toList())));
		}
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Path work = config.root().resolve("bench/target/bench-work/" + stamp);
		Files.createDirectories(work);
		System.out.printf("reload-hook benchmark, %s mode: %d iteration(s) x %s, %d edits per reloading run%n",
				config.quick() ? "quick" : "default", config.iterations(), config.variants(), config.reloads());
		System.out.printf("machine: %s cores, %s, JDK %s, load average %s, other JVMs: %s%n", machine.get("nproc"),
				machine.get("cpuModel"), machine.get("jdk"), machine.get("loadAverageStart"),
				machine.get("otherJvmsAtStart"));
		System.out.println("work directory (logs): " + work);
		DemoClassPath classPath = DemoClassPath.resolve(config.root(), config.demo(), work);
		System.out.println("devtools jar: " + classPath.devToolsJarPath());
		machine.put("gitCommit", gitCommit(config.root()));
		List<String> jars = new ArrayList<>();
		for (String jar : classPath.reloadHookJars()) {
			Path file = Path.of(jar);
			jars.add(file.getFileName() + " (" + Files.size(file) + " bytes, built "
					+ Files.getLastModifiedTime(file).toInstant().toString().replaceFirst("\\.\\d+", "") + ")");
		}
		machine.put("reloadHookJars", jars);
		Scenario scenario = new GreetingTextScenario(config.root().resolve(config.demo().module() + "/src/main/java"),
				config.demo().greetingService(),
				classPath.compileClassPath(), config.reloads());
		int port = config.firstPort();
		List<RunResult> results = new ArrayList<>();
		for (int iteration = 1; iteration <= config.iterations(); iteration++) {
			// A/B interleaving: every iteration runs each variant once, starting one further on.
			for (int position = 0; position < variants.size(); position++) {
				Variant variant = variants.get((iteration - 1 + position) % variants.size());
				port = freePort(port);
				RunResult result = new RunResult(variant.id(), iteration, position + 1);
				System.out.printf("[%d/%d] %s on port %d%n", iteration, config.iterations(), variant.label(), port);
				Path runDir = work.resolve(String.format("%02d-%d-%s", iteration, position + 1, variant.id()));
				new BenchRun(config, variant, scenario, classPath.jarsFor(variant), classPath.demoClasses(), runDir,
						port, result).execute();
				results.add(result);
				System.out.println("    " + oneLine(result));
				port++;
			}
		}
		machine.put("loadAverageEnd", loadAverage());
		double elapsed = (System.nanoTime() - begin) / 1e9;
		Report report = new Report(config, machine, scenario, variants, results, elapsed);
		List<Path> files = report.write(config.results());
		System.out.println();
		System.out.println(report.markdownTable());
		System.out.printf("Took %.0f s. Wrote %s%n", elapsed,
				files.stream().map((file) -> config.root().relativize(file.toAbsolutePath()).toString()).toList());
	}

	static AppProcess track(AppProcess app) {
		LIVE.add(app);
		return app;
	}

	static void untrack(AppProcess app) {
		LIVE.remove(app);
	}

	private static String oneLine(RunResult result) {
		StringBuilder line = new StringBuilder();
		line.append(String.format("cold start %.0f ms", result.coldStartMs == null ? Double.NaN : result.coldStartMs));
		if (!result.reloads.isEmpty()) {
			Stats latency = Stats.of(result.reloads.stream().map((r) -> r.latencyMs).toList());
			line.append(String.format(", reload median %.0f ms, refused %d, failed %d", latency.median(),
					result.reloads.stream().mapToLong((r) -> r.refused).sum(),
					result.reloads.stream().mapToLong((r) -> r.failed).sum()));
		}
		line.append(String.format(", heap %s KB, loaders %s, db connections %s", result.heapUsedKb,
				result.restartClassLoaders, result.dbConnectionsOpened));
		if (result.error != null) {
			line.append(", ERROR ").append(result.error);
		}
		return line.toString();
	}

	private static int freePort(int from) {
		for (int port = from; port <= 19999; port++) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				return port;
			}
			catch (IOException ex) {
				// in use: try the next
			}
		}
		throw new IllegalStateException("No free port between " + from + " and 19999");
	}

	private static Map<String, Object> machine() throws IOException {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceFirst("\\.\\d+", ""));
		machine.put("nproc", Runtime.getRuntime().availableProcessors());
		String cpu = "unknown";
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			cpu = Files.readAllLines(cpuinfo)
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(cpu);
		}
		machine.put("cpuModel", cpu);
		machine.put("jdk", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")");
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("loadAverageStart", loadAverage());
		long self = ProcessHandle.current().pid();
		long others = ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != self)
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/java")).orElse(false))
			.count();
		machine.put("otherJvmsAtStart", others);
		return machine;
	}

	/**
	 * The checked-out commit, with "+ local changes" when the work tree differs (read-only
	 * git commands): the reload-hook jars are built from the work tree.
	 */
	private static String gitCommit(Path root) {
		try {
			Process head = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
				.redirectErrorStream(true)
				.start();
			String commit = new String(head.getInputStream().readAllBytes()).trim();
			Process status = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain",
					"--untracked-files=no")
				.redirectErrorStream(true)
				.start();
			boolean dirty = !new String(status.getInputStream().readAllBytes()).isBlank();
			head.waitFor(10, TimeUnit.SECONDS);
			status.waitFor(10, TimeUnit.SECONDS);
			return (head.exitValue() == 0) ? commit + (dirty ? " + local changes" : "") : "unknown";
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

}
