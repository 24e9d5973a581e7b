package dev.reloadhook.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * One application JVM started by the harness, its output copied to a log file (each line
 * prefixed with the milliseconds since launch) and kept in memory with its arrival time.
 */
final class AppProcess implements AutoCloseable {

	/**
	 * A line of output.
	 *
	 * @param nanos when the harness read it ({@link System#nanoTime()})
	 * @param text the line
	 */
	record Line(long nanos, String text) {
	}

	private final Process process;

	private final long launchNanos;

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private AppProcess(Process process, long launchNanos, Path log) {
		this.process = process;
		this.launchNanos = launchNanos;
		this.reader = new Thread(() -> read(log), "bench-app-output-" + process.pid());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static AppProcess start(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long launch = System.nanoTime();
		Process process = builder.start();
		return new AppProcess(process, launch, log);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private void read(Path log) {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter out = Files.newBufferedWriter(log)) {
			String line;
			while ((line = in.readLine()) != null) {
				long now = System.nanoTime();
				this.lines.add(new Line(now, line));
				out.write(String.format("%8d | %s%n", TimeUnit.NANOSECONDS.toMillis(now - this.launchNanos), line));
				out.flush();
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	long launchNanos() {
		return this.launchNanos;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	List<Line> lines(String regex) {
		Pattern pattern = Pattern.compile(regex);
		List<Line> found = new ArrayList<>();
		for (Line line : this.lines) {
			if (pattern.matcher(line.text()).find()) {
				found.add(line);
			}
		}
		return found;
	}

	int count(String regex) {
		return lines(regex).size();
	}

	/**
	 * Wait (bounded) until at least {@code count} lines match.
	 * @return whether they did in time
	 */
	boolean awaitCount(String regex, int count, long timeoutMillis) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		while (count(regex) < count) {
			if (System.nanoTime() > deadline || !isAlive()) {
				return count(regex) >= count;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		return true;
	}

	String tail(int n) {
		List<String> all = this.lines.stream().map(Line::text).toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
	}

	/**
	 * Run {@code jcmd <pid> <command...>} and return its output.
	 */
	String jcmd(String... command) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>();
		args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		args.add(Long.toString(pid()));
		args.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
		byte[] output = jcmd.getInputStream().readAllBytes();
		if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
			jcmd.destroyForcibly();
			throw new IOException("jcmd " + String.join(" ", command) + " did not finish");
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	/** Kill at once (from the harness's shutdown hook). */
	void kill() {
		this.process.destroyForcibly();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
		this.reader.join(5_000);
	}

}
