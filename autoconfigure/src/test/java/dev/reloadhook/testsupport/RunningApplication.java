package dev.reloadhook.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * An application started in its own JVM, the way {@code mvn spring-boot:run} starts it:
 * {@code java -cp <class directory>:<jars> <main class>}.
 */
public final class RunningApplication implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("(?:Tomcat|Jetty|Netty) started on port (\\d+)");

	private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)\\]");

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private RunningApplication(Process process) {
		this.process = process;
		Thread reader = new Thread(this::read, "app-output");
		reader.setDaemon(true);
		reader.start();
	}

	public static RunningApplication start(String classPath, String mainClass, String... args) throws IOException {
		return start(classPath, List.of(), mainClass, args);
	}

	public static RunningApplication start(String classPath, List<String> jvmArguments, String mainClass,
			String... args) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1"));
		// The tests of the other tiers make structural changes to leaf controllers: they
		// switch the bean tier on (a later -D or an argument) only where it is tested.
		command.add("-Dreload-hook.bean-tier.enabled=false");
		command.addAll(jvmArguments);
		command.addAll(List.of("-cp", classPath, mainClass, "--spring.main.banner-mode=off"));
		// Never a fixed port a developer may be using (8080, or 5005 for the debug relay
		// of an application started with a JDWP agent), unless a test asks for one.
		if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--server.port="))) {
			command.add("--server.port=0");
		}
		if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--reload-hook.debug.port="))) {
			command.add("--reload-hook.debug.port=0");
		}
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return new RunningApplication(process);
	}

	public static RunningApplication start(SourceProject project, String mainClass, String... args) throws IOException {
		return start(project, List.of(), mainClass, args);
	}

	public static RunningApplication start(SourceProject project, List<String> jvmArguments, String mainClass,
			String... args) throws IOException {
		return start(project.classes() + java.io.File.pathSeparator + TestClassPath.asString(), jvmArguments,
				mainClass, args);
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// process ended
		}
	}

	/**
	 * Wait for the server's port: for up to three of {@link #awaitLine}'s waits as long as
	 * the application runs, as a first start (Hibernate, Security, Thymeleaf) on a loaded
	 * machine can take longer than one.
	 */
	public int awaitPort() {
		String line = null;
		for (int attempt = 1; line == null; attempt++) {
			try {
				line = awaitLine(PORT.pattern());
			}
			catch (AssertionError ex) {
				if (attempt == 3 || !isAlive()) {
					throw ex;
				}
			}
		}
		Matcher matcher = PORT.matcher(line);
		matcher.find();
		return Integer.parseInt(matcher.group(1));
	}

	public String awaitLine(String regex) {
		Pattern pattern = Pattern.compile(regex);
		String found;
		try {
			found = await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.lines.stream().filter((line) -> pattern.matcher(line).find()).findFirst().orElse(null),
						(line) -> line != null || !this.process.isAlive());
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("The application did not log '" + regex + "':\n" + output(), ex);
		}
		if (found == null) {
			throw new AssertionError("The application ended without logging '" + regex + "':\n" + output());
		}
		return found;
	}

	/**
	 * Wait until at least the given number of lines match (output is read asynchronously),
	 * then return all matching lines.
	 */
	public List<String> awaitLines(String regex, int count) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> lines(regex).size() >= count);
		return lines(regex);
	}

	public List<String> lines(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return this.lines.stream().filter((line) -> pattern.matcher(line).find()).toList();
	}

	public String output() {
		return String.join("\n", this.lines);
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the TCP ports the application's process listens on, read from Linux's
	 * {@code /proc}.
	 */
	public Set<Integer> listeningPorts() throws IOException {
		Path process = Path.of("/proc", Long.toString(pid()));
		Set<String> sockets = new HashSet<>();
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
			for (Path descriptor : descriptors) {
				try {
					Matcher socket = SOCKET.matcher(Files.readSymbolicLink(descriptor).toString());
					if (socket.matches()) {
						sockets.add(socket.group(1));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		Set<Integer> ports = new TreeSet<>();
		for (String table : List.of("tcp", "tcp6")) {
			Path file = process.resolve("net").resolve(table);
			if (!Files.exists(file)) {
				continue;
			}
			List<String> lines = Files.readAllLines(file);
			for (String line : lines.subList(1, lines.size())) {
				// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 9 && "0A".equals(fields[3]) && sockets.contains(fields[9])) {
					String local = fields[1];
					ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
				}
			}
		}
		return ports;
	}

	/**
	 * Run a full garbage collection in the application's JVM, with {@code jcmd}.
	 */
	public void gc() throws IOException, InterruptedException {
		jcmd("GC.run");
	}

	/**
	 * The stacks of the application's threads, with {@code jcmd}: what a hung request
	 * waits for.
	 */
	public String threadDump() throws IOException, InterruptedException {
		return jcmd("Thread.print");
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, Long.toString(pid()), command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
	}

}
