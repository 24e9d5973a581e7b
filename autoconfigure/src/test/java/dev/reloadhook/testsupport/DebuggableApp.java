package dev.reloadhook.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test application started with a JDWP agent on an ephemeral loopback port and the
 * debug relay on any free port, with a {@code /count} endpoint whose line
 * {@value #LINE} the debuggers stop at, and a {@code /loop} endpoint that runs line
 * {@value #LOOP_LINE} many times (for stepping and continuing).
 */
public final class DebuggableApp implements AutoCloseable {

	public static final String JDWP = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";

	public static final String COUNTER = "app.Counter";

	/** The breakpoint's line; the field a restart adds goes on line 4 and moves nothing. */
	public static final int LINE = 10;

	public static final int LOOP_LINE = 10;

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final String COUNTER_SOURCE = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class Counter { %s

				private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

				@org.springframework.web.bind.annotation.GetMapping("/count")
				public String count() {
					long next = this.count.incrementAndGet();
					return "%s-" + next;
				}

			}
			""";

	private static final String LOOPER_SOURCE = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class Looper {

				@org.springframework.web.bind.annotation.GetMapping("/loop")
				public long loop(@org.springframework.web.bind.annotation.RequestParam int times) {
					long sum = 0;
					for (int i = 0; i < times; i++) {
						sum += i;
					}
					return sum;
				}

			}
			""";

	private final SourceProject project;

	private final RunningApplication application;

	private final Http http;

	/** The field the counter has now: a hot swap must keep it. */
	private String field = "";

	private DebuggableApp(SourceProject project, RunningApplication application) {
		this.project = project;
		this.application = application;
		this.http = new Http(application.awaitPort());
		application.awaitLine("Generation 1 serving");
	}

	/**
	 * Build the application in the directory and start it; its counter answers
	 * {@code r0-<n>}.
	 */
	public static DebuggableApp start(Path directory, String... args) throws Exception {
		return start(directory, TestClassPath.Server.TOMCAT, args);
	}

	/**
	 * Build the application in the directory and start it on the given server; its
	 * counter answers {@code r0-<n>}.
	 */
	public static DebuggableApp start(Path directory, TestClassPath.Server server, String... args) throws Exception {
		SourceProject project = TestApp.create(directory);
		project.source(COUNTER, COUNTER_SOURCE.formatted("", "r0"));
		project.source("app.Looper", LOOPER_SOURCE);
		project.compile(List.of(COUNTER, "app.Looper"));
		String classPath = project.classes() + java.io.File.pathSeparator + TestClassPath.asString(server);
		// The relay listens on any free port (never the default 5005) unless the arguments say otherwise.
		return new DebuggableApp(project, RunningApplication.start(classPath, List.of(JDWP), TestApp.MAIN, args));
	}

	public RunningApplication application() {
		return this.application;
	}

	public Http http() {
		return this.http;
	}

	public int agentPort() {
		return agentPort(this.application);
	}

	/**
	 * Return the port the JDWP agent of an application started with {@link #JDWP} listens on.
	 */
	public static int agentPort(RunningApplication application) {
		return port(application, "Listening for transport dt_socket at address: (\\d+)");
	}

	public int relayPort() {
		return relayPort(this.application);
	}

	/**
	 * Return the port the debug relay of an application started with {@link #JDWP} listens on.
	 */
	public static int relayPort(RunningApplication application) {
		return port(application, "Debug relay listening on 127\\.0\\.0\\.1:(\\d+) \\(forwarding to JDWP agent at ");
	}

	private int port(String regex) {
		return port(this.application, regex);
	}

	private static int port(RunningApplication application, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(application.awaitLine(regex));
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Change the counter to answer {@code r<reload>-<n>}: its method body only, or also
	 * its fields, which forces a restart.
	 */
	public void change(int reload, boolean structural) {
		if (structural) {
			this.field = "private int added" + reload + ";";
		}
		this.project.recompile(COUNTER, COUNTER_SOURCE.formatted(this.field, "r" + reload));
	}

	/**
	 * Change the counter's method so that line {@value #LINE} has no code any more.
	 */
	public void moveLine() {
		this.project.recompile(COUNTER, COUNTER_SOURCE.formatted(this.field, "moved")
			.replace("public String count() {", "public String count() {\n\n"));
	}

	/**
	 * Call until the given reload's code answers, and return the reload's record.
	 */
	public Map<String, Object> awaitServed(String prefix, Supplier<String> call) {
		try {
			await().atMost(TIMEOUT).pollInSameThread().until(call::get, (body) -> body.startsWith(prefix));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("'" + prefix + "' not served; application log:\n" + this.application.output(), ex);
		}
		return last();
	}

	/**
	 * Wait for the reload to finish and return its record (see
	 * {@link Http#lastAppliedReload()}).
	 */
	public Map<String, Object> last() {
		return this.http.lastAppliedReload();
	}

	@Override
	public void close() throws InterruptedException {
		this.application.close();
	}

}
