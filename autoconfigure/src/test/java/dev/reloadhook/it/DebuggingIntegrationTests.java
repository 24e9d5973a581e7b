package dev.reloadhook.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.EventRequest;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.IdeLikeDebugger;
import dev.reloadhook.testsupport.Jdb;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debugging across reloads with real debuggers: an IDE-like JDI client attached straight
 * to the JDWP agent and through the debug relay, and {@code jdb} through the relay. Every
 * call of the endpoint must stop at the breakpoint, whatever the reload before it.
 */
class DebuggingIntegrationTests extends ApplicationTests {

	private static final String JDWP = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";

	private static final int RELOADS = 10;

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/** The line of the breakpoint; a field added on line 4 forces a restart without moving it. */
	private static final int LINE = 10;

	private static final String COUNTER = """
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

	private SourceProject project;

	private Http http;

	private final AtomicInteger calls = new AtomicInteger();

	/** The field the counter has now: a hot swap must keep it. */
	private String field = "";

	@Test
	void ideLikeDebuggerAttachedDirectlyKeepsItsBreakpointsAcrossReloadsThatRestart() throws Exception {
		startDebuggable();
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(agentPort())) {
			debugger.breakAt("app.Counter", LINE, EventRequest.SUSPEND_EVENT_THREAD);
			Supplier<String> call = countedCall();
			assertThat(call.get()).isEqualTo("r0-1");
			for (int reload = 1; reload <= RELOADS; reload++) {
				Map<String, Object> last = reload(reload, false, call);
				assertThat(last).containsEntry("tier", "restart");
				assertThat((String) last.get("reason")).endsWith("a debugger is attached");
				assertThat(debugger.hits()).as(this::log).isEqualTo(this.calls.get());
			}
		}
	}

	@Test
	void ideLikeDebuggerThroughTheRelayKeepsItsBreakpointsAcrossBothTiersWithHotSwapOn() throws Exception {
		startDebuggable();
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(relayPort())) {
			debugger.breakAt("app.Counter", LINE, EventRequest.SUSPEND_EVENT_THREAD);
			Supplier<String> call = countedCall();
			assertThat(call.get()).isEqualTo("r0-1");
			for (int reload = 1; reload <= RELOADS; reload++) {
				boolean restart = reload % 2 == 0;
				Map<String, Object> last = reload(reload, restart, call);
				assertThat(last).containsEntry("tier", restart ? "restart" : "hotswap").containsEntry("outcome", "success");
				assertThat(debugger.hits()).as(this::log).isEqualTo(this.calls.get());
			}
		}
	}

	@Test
	void jdbStopAtThroughTheRelayKeepsFiringAcrossBothTiers() throws Exception {
		startDebuggable();
		assertThat(this.http.body("/count")).isEqualTo("r0-1");
		try (Jdb jdb = Jdb.attach(relayPort())) {
			jdb.send("stop at app.Counter:" + LINE);
			jdb.awaitOutput("Set breakpoint app.Counter:" + LINE, 1);
			Supplier<String> call = () -> callPastJdbBreakpoint(jdb);
			assertThat(call.get()).isEqualTo("r0-2");
			for (int reload = 1; reload <= RELOADS; reload++) {
				boolean restart = reload % 2 == 0;
				Map<String, Object> last = reload(reload, restart, call);
				assertThat(last).containsEntry("tier", restart ? "restart" : "hotswap").containsEntry("outcome", "success");
			}
			assertThat(jdb.count("Breakpoint hit:")).isEqualTo(this.calls.get());
		}
	}

	@Test
	void breakpointSuspendingAllThreadsWhileAReloadIsPendingLetsTheReloadCompleteAfterResume() throws Exception {
		startDebuggable();
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(relayPort())) {
			debugger.breakAt("app.Counter", LINE, EventRequest.SUSPEND_ALL);
			debugger.hold(true);
			CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> this.http.body("/count"));
			EventSet suspended = debugger.takeHeld();
			this.project.recompile("app.Counter", COUNTER.formatted("", "held"));
			// Everything in the application is suspended; the relay still answers.
			assertThat(debugger.vm().allThreads()).isNotEmpty();
			debugger.hold(false);
			suspended.resume();
			assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo("r0-1");
			await().atMost(TIMEOUT).until(() -> this.http.body("/count"), (body) -> body.startsWith("held-"));
			assertThat(last()).containsEntry("tier", "hotswap").containsEntry("outcome", "success");
			int before = debugger.hits();
			assertThat(this.http.body("/count")).startsWith("held-");
			assertThat(debugger.hits()).isEqualTo(before + 1);
		}
	}

	@Test
	void breakpointWhoseLineHasNoCodeAfterAChangeIsReported() throws Exception {
		startDebuggable();
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(relayPort())) {
			debugger.breakAt("app.Counter", LINE, EventRequest.SUSPEND_EVENT_THREAD);
			// Two lines more above the method: line 10 is now a blank line.
			this.project.recompile("app.Counter",
					COUNTER.formatted("", "moved").replace("public String count() {", "public String count() {\n\n"));
			await().atMost(TIMEOUT).until(() -> this.http.body("/count"), (body) -> body.startsWith("moved-"));
			assertThat(last()).containsEntry("tier", "hotswap");
			assertThat(this.application.awaitLine("Breakpoint at app.Counter:" + LINE + " has no code in the new version"))
				.contains("WARN");
		}
	}

	private void startDebuggable() throws Exception {
		this.project = TestApp.create(this.temp);
		this.project.source("app.Counter", COUNTER.formatted("", "r0"));
		this.project.compile(List.of("app.Counter"));
		this.http = start(this.project, List.of(JDWP), "--reload-hook.debug.port=0");
		this.application.awaitLine("Generation 1 serving");
	}

	private int agentPort() {
		return port("Listening for transport dt_socket at address: (\\d+)");
	}

	private int relayPort() {
		return port("Debug relay listening on 127\\.0\\.0\\.1:(\\d+) \\(forwarding to JDWP agent at ");
	}

	private int port(String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(this.application.awaitLine(regex));
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private Supplier<String> countedCall() {
		return () -> {
			this.calls.incrementAndGet();
			return this.http.body("/count");
		};
	}

	/**
	 * Call the endpoint while jdb stops every call at the breakpoint: wait for the hit,
	 * continue, return the answer.
	 */
	private String callPastJdbBreakpoint(Jdb jdb) {
		int hit = this.calls.incrementAndGet();
		CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> this.http.body("/count"));
		await().atMost(TIMEOUT).until(() -> jdb.count("Breakpoint hit:") >= hit || answer.isDone());
		assertThat(jdb.count("Breakpoint hit:")).as("breakpoint hits, jdb printed:%n%s", jdb.output()).isEqualTo(hit);
		try {
			jdb.send("cont");
			return answer.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Change the counter (its method body, or also its fields to force a restart), call it
	 * until the new code answers, and return the reload's record.
	 */
	private Map<String, Object> reload(int reload, boolean structural, Supplier<String> call) throws Exception {
		if (structural) {
			this.field = "private int added" + reload + ";";
		}
		this.project.recompile("app.Counter", COUNTER.formatted(this.field, "r" + reload));
		try {
			await().atMost(TIMEOUT).pollInSameThread().until(call::get, (body) -> body.startsWith("r" + reload + "-"));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Reload " + reload + " not served; " + log(), ex);
		}
		return last();
	}

	private String log() {
		return "breakpoint hits; application log:\n" + this.application.output();
	}

	private Map<String, Object> last() {
		this.http.awaitReloadFinished();
		return JsonPath.read(this.http.body("/actuator/reload"), "$.last");
	}

}
