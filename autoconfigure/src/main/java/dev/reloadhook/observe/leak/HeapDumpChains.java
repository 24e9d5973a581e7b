package dev.reloadhook.observe.leak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.reloadhook.observe.leak.chain.ReferenceChainMain;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Names the reference chain that keeps a closed generation reachable: dumps the heap to a
 * temporary file and reads it in a short-lived process of its own
 * ({@link ReferenceChainMain}), so the heap dump reader never joins the application's
 * class path. Bounded: no dump when the heap is larger than configured or the disk has
 * no room for it, the file is always deleted, the process is stopped after a timeout. Any
 * failure is one log line and no chain.
 * <p>
 * The reader is {@code com.squareup.leakcanary:shark-graph}, taken from the application's
 * class path (a development dependency); without it there are no chains and one log line
 * says how to get them.
 *
 * @author reload-hook
 */
final class HeapDumpChains {

	private static final Log logger = LogFactory.getLog(HeapDumpChains.class);

	/** A class of each jar the reader needs. */
	private static final List<String> READER_CLASSES = List.of("shark.HeapGraph", "shark.HprofRecord",
			"shark.SharkLog", "okio.Okio", "kotlin.Unit");

	private static final long TIMEOUT_SECONDS = 120;

	private final DataSize maxHeap;

	private final @Nullable String classPath;

	private boolean loggedAbsent;

	HeapDumpChains(DataSize maxHeap) {
		this.maxHeap = maxHeap;
		this.classPath = classPath();
	}

	/**
	 * Find the chain of each generation.
	 * @param generations the closed generations still reachable
	 * @return the chain of each, empty for a generation no strong path reaches; no entry
	 * when no chain could be looked for
	 */
	Map<Integer, String> find(List<Integer> generations) {
		if (this.classPath == null) {
			if (!this.loggedAbsent) {
				this.loggedAbsent = true;
				logger.info("Leak suspects are reported without their reference chain: add "
						+ "com.squareup.leakcanary:shark-graph:2.14 as a development dependency to have it "
						+ "(the heap dump is read in a process of its own)");
			}
			return Map.of();
		}
		long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		if (used > this.maxHeap.toBytes()) {
			logger.info("No reference chain for the leak suspects: " + (used >> 20) + " MB of heap is more than "
					+ "reload-hook.leaks.chains-max-heap (" + this.maxHeap.toMegabytes() + " MB) allows to dump");
			return Map.of();
		}
		Path file = null;
		try {
			Path directory = Path.of(System.getProperty("java.io.tmpdir"));
			long room = Files.getFileStore(directory).getUsableSpace();
			if (room < 2 * used + (256L << 20)) {
				logger.info("No reference chain for the leak suspects: " + (room >> 20) + " MB free in " + directory
						+ " is too little for a heap dump of about " + (used >> 20) + " MB");
				return Map.of();
			}
			file = directory.resolve("reload-hook-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".hprof");
			// Not 'live': that would force the full collection the detector avoids; the
			// reader follows strong references from the roots only.
			ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), false);
			return read(file, generations);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("No reference chain for the leak suspects: " + ex);
			return Map.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
		finally {
			delete(file);
		}
	}

	private Map<Integer, String> read(Path file, List<Integer> generations) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-cp", this.classPath, ReferenceChainMain.class.getName(), file.toString()));
		generations.forEach((generation) -> command.add(Integer.toString(generation)));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("JDK_JAVA_OPTIONS");
		Process process = builder.start();
		Path output = Files.createTempFile("reload-hook-chains", ".txt");
		try {
			// Read on this thread after it ends: its output is a few lines.
			Thread reader = new Thread(() -> copy(process, output), "reload-hook-leak-chains-output");
			reader.setDaemon(true);
			reader.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				logger.warn("No reference chain for the leak suspects: reading the heap dump took more than "
						+ TIMEOUT_SECONDS + " s");
				return Map.of();
			}
			reader.join(TimeUnit.SECONDS.toMillis(5));
			List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
			Map<Integer, String> chains = parse(lines, generations);
			if (process.exitValue() != 0 || chains.isEmpty()) {
				logger.warn("No reference chain for the leak suspects: the heap dump reader failed: "
						+ String.join(" | ", lines.subList(0, Math.min(lines.size(), 3))));
			}
			return chains;
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(output);
		}
	}

	private static void copy(Process process, Path output) {
		try {
			Files.copy(process.getInputStream(), output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			// The process was stopped.
			logger.debug("Heap dump analysis process stopped", ex);
		}
	}

	static Map<Integer, String> parse(List<String> lines, List<Integer> generations) {
		Map<Integer, String> chains = new HashMap<>();
		for (String line : lines) {
			int tab = line.indexOf('\t');
			if (tab > 0) {
				try {
					int generation = Integer.parseInt(line.substring(0, tab));
					if (generations.contains(generation)) {
						chains.put(generation, line.substring(tab + 1).trim());
					}
				}
				catch (NumberFormatException ex) {
					// Not a result line.
					logger.debug("Not a result line of the heap dump analysis", ex);
				}
			}
		}
		return chains;
	}

	private static void delete(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn("Cannot delete the heap dump " + file + ": " + ex.getMessage());
			}
		}
	}

	private static String java() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/** reload-hook's own classes and the reader's jars, or {@code null} without the reader. */
	private static @Nullable String classPath() {
		ClassLoader classLoader = HeapDumpChains.class.getClassLoader();
		Set<String> entries = new LinkedHashSet<>();
		try {
			entries.add(Path.of(ReferenceChainMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString());
			for (String className : READER_CLASSES) {
				URL url = classLoader.getResource(className.replace('.', '/') + ".class");
				if (url == null) {
					return null;
				}
				entries.add(location(url, className));
			}
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	private static String location(URL url, String className) throws URISyntaxException {
		String text = url.toString();
		if (text.startsWith("jar:")) {
			return Path.of(new java.net.URI(text.substring(4, text.indexOf("!/")))).toString();
		}
		// A class directory: the root is the class's path minus its name.
		Path classFile = Path.of(url.toURI());
		Path root = classFile;
		for (int i = 0; i < className.split("\\.").length; i++) {
			root = root.getParent();
		}
		return root.toString();
	}

}
