package dev.reloadhook.it;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import com.sun.jdi.ThreadReference;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import dev.reloadhook.testsupport.DebuggableApp;
import dev.reloadhook.testsupport.IdeLikeDebugger;
import dev.reloadhook.testsupport.Jdb;
import dev.reloadhook.testsupport.OutputOnFailure;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.reloadhook.testsupport.DebuggableApp.COUNTER;
import static dev.reloadhook.testsupport.DebuggableApp.LINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debugging across reloads with real debuggers: an IDE-like JDI client attached straight
 * to the JDWP agent and through the debug relay, and {@code jdb} through the relay (on a
 * servlet and a WebFlux application). Every call of the endpoint must stop at the
 * breakpoint, whatever the reloads before it.
 */
class DebuggingIntegrationTests {

	private static final int RELOADS = 10;

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	Path temp;

	private DebuggableApp app;

	@RegisterExtension
	final OutputOnFailure outputOnFailure = new OutputOnFailure(
			() -> (this.app != null) ? this.app.application() : null);

	private final AtomicInteger calls = new AtomicInteger();

	@AfterEach
	void stop() throws InterruptedException {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void ideLikeDebuggerAttachedDirectlyKeepsItsBreakpointsAcrossReloadsThatRestart() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			this.app = DebuggableApp.start(this.temp, "--reload-hook.debug.port=" + taken.getLocalPort());
			assertThat(this.app.application()
				.awaitLine("Debug relay not started: it cannot listen on 127.0.0.1:" + taken.getLocalPort()))
				.contains("attach debuggers to the JDWP agent at 127.0.0.1:" + this.app.agentPort() + " directly");
		}
		everyCallStopsAcrossReloads(this.app.agentPort(), (reload) -> false, (reload, last) -> {
			assertThat(last).containsEntry("tier", "restart");
			assertThat((String) last.get("reason")).endsWith("a debugger is attached");
		});
	}

	@Test
	void ideLikeDebuggerThroughTheRelayKeepsItsBreakpointsAcrossBothTiersWithHotSwapOn() throws Exception {
		this.app = DebuggableApp.start(this.temp);
		everyCallStopsAcrossReloads(this.app.relayPort(), (reload) -> reload % 2 == 0,
				(reload, last) -> assertThat(last).containsEntry("tier", (reload % 2 == 0) ? "restart" : "hotswap")
					.containsEntry("outcome", "success"));
	}

	/**
	 * Attach an IDE-like debugger, break at the counter's line, change the counter
	 * {@link #RELOADS} times and check that every call stopped at the breakpoint.
	 */
	private void everyCallStopsAcrossReloads(int port, IntPredicate structural,
			BiConsumer<Integer, Map<String, Object>> reloadCheck) throws Exception {
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(port)) {
			debugger.breakAt(COUNTER, LINE, EventRequest.SUSPEND_EVENT_THREAD);
			Supplier<String> call = countedCall();
			assertThat(call.get()).isEqualTo("r0-1");
			for (int reload = 1; reload <= RELOADS; reload++) {
				this.app.change(reload, structural.test(reload));
				reloadCheck.accept(reload, this.app.awaitServed("r" + reload + "-", call));
				assertThat(debugger.hits()).as(this::log).isEqualTo(this.calls.get());
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = Server.class, names = { "TOMCAT", "NETTY" })
	void jdbStopAtThroughTheRelayKeepsFiringAcrossBothTiers(Server server) throws Exception {
		this.app = DebuggableApp.start(this.temp, server);
		assertThat(this.app.http().body("/count")).isEqualTo("r0-1");
		try (Jdb jdb = Jdb.attach(this.app.relayPort())) {
			jdb.send("stop at " + COUNTER + ":" + LINE);
			jdb.awaitOutput("Set breakpoint " + COUNTER + ":" + LINE, 1);
			Supplier<String> call = () -> callPastJdbBreakpoint(jdb);
			assertThat(call.get()).isEqualTo("r0-2");
			for (int reload = 1; reload <= RELOADS; reload++) {
				boolean restart = reload % 2 == 0;
				this.app.change(reload, restart);
				Map<String, Object> last = this.app.awaitServed("r" + reload + "-", call);
				assertThat(last).containsEntry("tier", restart ? "restart" : "hotswap").containsEntry("outcome", "success");
			}
			assertThat(jdb.hits()).isEqualTo(this.calls.get());
		}
	}

	@Test
	void breakpointSuspendingAllThreadsWhileAReloadIsPendingLetsTheReloadCompleteAfterResume() throws Exception {
		this.app = DebuggableApp.start(this.temp);
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(this.app.relayPort())) {
			debugger.breakAt(COUNTER, LINE, EventRequest.SUSPEND_ALL);
			debugger.hold(true);
			CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> this.app.http().body("/count"));
			EventSet suspended = debugger.takeHeld();
			BreakpointEvent hit = suspended.stream()
				.filter(BreakpointEvent.class::isInstance)
				.map(BreakpointEvent.class::cast)
				.findFirst()
				.orElseThrow();
			// Reported under the debugger's own request, at its line.
			assertThat(debugger.vm().eventRequestManager().breakpointRequests()).contains((BreakpointRequest) hit.request());
			assertThat(hit.location().declaringType().name()).isEqualTo(COUNTER);
			assertThat(hit.location().lineNumber()).isEqualTo(LINE);
			this.app.change(1, false);
			// Everything in the application is suspended, its file watcher too, so the
			// reload waits; the relay still answers (an in-process relay would be frozen
			// too): the stopped thread is still at the line, and the watcher is held.
			assertThat(hit.thread().frame(0).location().lineNumber()).isEqualTo(LINE);
			ThreadReference watcher = debugger.vm()
				.allThreads()
				.stream()
				.filter((thread) -> thread.name().equals("reload-hook-watcher"))
				.findFirst()
				.orElseThrow();
			assertThat(watcher.isSuspended()).isTrue();
			assertThat(held).isNotDone();
			debugger.hold(false);
			suspended.resume();
			assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo("r0-1");
			assertThat(this.app.awaitServed("r1-", () -> this.app.http().body("/count")))
				.containsEntry("tier", "hotswap")
				.containsEntry("outcome", "success");
			int hits = debugger.hits();
			assertThat(this.app.http().body("/count")).startsWith("r1-");
			assertThat(debugger.hits()).isEqualTo(hits + 1);
		}
	}

	@Test
	void breakpointWhoseLineHasNoCodeAfterAChangeIsReportedAndTheRelayEndsWithTheApplication() throws Exception {
		this.app = DebuggableApp.start(this.temp);
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(this.app.relayPort())) {
			debugger.breakAt(COUNTER, LINE, EventRequest.SUSPEND_EVENT_THREAD);
			this.app.moveLine();
			assertThat(this.app.awaitServed("moved-", () -> this.app.http().body("/count"))).containsEntry("tier",
					"hotswap");
			assertThat(this.app.application()
				.awaitLine("Breakpoint at " + COUNTER + ":" + LINE + " has no code in the new version")).contains("WARN");
		}
		List<ProcessHandle> relay = ProcessHandle.of(this.app.application().pid())
			.orElseThrow()
			.descendants()
			.filter((process) -> process.info().commandLine().orElse("").contains("RelayMain"))
			.toList();
		assertThat(relay).hasSize(1);
		this.app.close();
		await().atMost(TIMEOUT).until(() -> relay.stream().noneMatch(ProcessHandle::isAlive));
	}

	private Supplier<String> countedCall() {
		return () -> {
			this.calls.incrementAndGet();
			return this.app.http().body("/count");
		};
	}

	/**
	 * Call the endpoint while jdb stops every call at the breakpoint: wait for the hit,
	 * continue, return the answer.
	 */
	private String callPastJdbBreakpoint(Jdb jdb) {
		int hit = this.calls.incrementAndGet();
		CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> this.app.http().body("/count"));
		await().atMost(TIMEOUT).until(() -> jdb.hits() >= hit || answer.isDone());
		assertThat(jdb.hits()).as("breakpoint hits, jdb printed:%n%s", jdb.output()).isEqualTo(hit);
		try {
			jdb.send("cont");
			return answer.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String log() {
		return "breakpoint hits; application log:\n" + this.app.application().output();
	}

}
