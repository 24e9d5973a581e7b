package dev.reloadhook.testsupport;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The JDK's command-line debugger, {@code jdb}, driven through its standard input and
 * output.
 */
public final class Jdb implements AutoCloseable {

	/**
	 * A breakpoint hit with its location; jdb's prompt may come between the two, and a
	 * method redefined while its thread was stopped is {@code <obsolete>()}, line -1.
	 */
	private static final String HIT = "Breakpoint hit: (?:> )*\"thread=[^\"]*\", [^\n]*, line=-?\\d+ bci=\\d+";

	private final Process process;

	private final Writer input;

	private final StringBuffer output = new StringBuffer();

	private Jdb(Process process) {
		this.process = process;
		this.input = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::read, "jdb-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start {@code jdb} attached to 127.0.0.1 at the given port.
	 */
	public static Jdb attach(int port) throws IOException {
		String jdb = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/jdb")) ? "/usr/bin/jdb"
				: java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jdb").toString();
		return new Jdb(new ProcessBuilder(jdb, "-attach", "127.0.0.1:" + port).redirectErrorStream(true).start());
	}

	private void read() {
		// Character by character: jdb's prompts do not end with a new line.
		try (Reader reader = new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8)) {
			int c;
			while ((c = reader.read()) != -1) {
				this.output.append((char) c);
			}
		}
		catch (IOException ex) {
			// jdb ended
		}
	}

	public void send(String command) throws IOException {
		this.input.write(command + "\n");
		this.input.flush();
	}

	/**
	 * Return how many breakpoint hits jdb has printed in full. Its event thread prints
	 * "Breakpoint hit:" before it reads the stopped thread's location: a {@code cont} sent
	 * in between resumes the thread under it, and jdb's event thread dies
	 * ({@code InvalidStackFrameException}), so wait for the whole line before continuing.
	 */
	public int hits() {
		return count(HIT);
	}

	/**
	 * Return how many times jdb has printed text matching the regular expression.
	 */
	public int count(String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(this.output);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	/**
	 * Wait until jdb has printed text matching the regular expression at least the given
	 * number of times.
	 */
	public void awaitOutput(String regex, int times) {
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> count(regex) >= times || !this.process.isAlive());
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("jdb did not print '" + regex + "' " + times + " times:\n" + this.output, ex);
		}
	}

	public String output() {
		return this.output.toString();
	}

	@Override
	public void close() throws InterruptedException {
		try {
			send("quit");
		}
		catch (IOException ex) {
			// ended already
		}
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
