package dev.reloadhook.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.StepRequest;
import dev.reloadhook.testsupport.DebuggableApp;
import dev.reloadhook.testsupport.IdeLikeDebugger;
import dev.reloadhook.testsupport.Jdb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static dev.reloadhook.testsupport.DebuggableApp.COUNTER;
import static dev.reloadhook.testsupport.DebuggableApp.LINE;
import static org.awaitility.Awaitility.await;

/**
 * The figures of debugging across reloads, not a test: breakpoint survival over many
 * reloads for each debugger kind, edit kind and mode, and the latency the relay adds to a
 * step and a continue. Runs only when asked ({@code bench/scripts/debug-figures.sh});
 * writes {@code bench/results/debug-figures.md}.
 */
@EnabledIfSystemProperty(named = "debug.figures", matches = "true")
class DebuggingFigures {

	private static final int RELOADS = Integer.getInteger("debug.figures.reloads", 100);

	private static final int SAMPLES = Integer.getInteger("debug.figures.samples", 50);

	private static final int WARM_UP = 10;

	/** Only the survival cases whose "kind mode structural" contains this, e.g. "jdb direct". */
	private static final String ONLY = System.getProperty("debug.figures.only", "");

	@TempDir
	Path temp;

	private int runs;

	@Test
	void measure() throws Exception {
		long started = System.nanoTime();
		StringBuilder report = new StringBuilder("# Debugging across reloads\n\n");
		report.append("Measured ").append(Instant.now()).append(" with `bench/scripts/debug-figures.sh`; ")
			.append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
			.append(System.getProperty("java.version")).append(".\n\n");
		report.append("Survival: after each of ").append(RELOADS)
			.append(" reloads, the first call served by the new code stops at the breakpoint (`stop at app.Counter:")
			.append(LINE).append("`, or an IDE-like JDI client's line breakpoint).\n\n");
		report.append("| debugger | mode | edit | tiers used | survival |\n|---|---|---|---|---|\n");
		for (String mode : List.of("direct", "relay")) {
			for (String kind : List.of("IDE-like (JDI)", "jdb")) {
				for (boolean structural : List.of(false, true)) {
					if ((kind + " " + mode + " " + structural).contains(ONLY)) {
						report.append(survival(kind, mode, structural)).append('\n');
					}
				}
			}
		}
		report.append("\nLatency of a step (step over one line) and of a continue (resume to the next hit of ")
			.append("the same breakpoint), IDE-like JDI client, median of ").append(SAMPLES).append(" after ")
			.append(WARM_UP).append(" warm-up ones, in ms:\n\n| | direct | through the relay | added by the relay |\n|---|---|---|---|\n");
		double[] direct = latency(false);
		double[] relay = latency(true);
		report.append(String.format("| step | %.3f | %.3f | %+.3f |%n", direct[0], relay[0], relay[0] - direct[0]));
		report.append(String.format("| continue | %.3f | %.3f | %+.3f |%n", direct[1], relay[1], relay[1] - direct[1]));
		report.append(String.format("%nTook %d s.%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)));
		Path results = Path.of("..", "bench", "results", "debug-figures.md");
		Files.createDirectories(results.getParent());
		Files.writeString(results, report);
		System.out.println(report);
	}

	private String survival(String kind, String mode, boolean structural) throws Exception {
		try (DebuggableApp app = DebuggableApp.start(this.temp.resolve("run" + (++this.runs)))) {
			app.http().body("/count");
			int port = "relay".equals(mode) ? app.relayPort() : app.agentPort();
			Debugger debugger = kind.startsWith("jdb") ? jdb(app, port) : ideLike(app, port);
			try {
				int survived = 0;
				Map<String, Integer> tiers = new TreeMap<>();
				for (int reload = 1; reload <= RELOADS; reload++) {
					app.change(reload, structural);
					tiers.merge((String) app.awaitServed("r" + reload + "-", debugger::call).get("tier"), 1, Integer::sum);
					survived += debugger.stops() ? 1 : 0;
				}
				return "| %s | %s | %s | %s | %d / %d = %.0f%% |".formatted(kind, mode,
						structural ? "field added" : "method body", tiers, survived, RELOADS, 100.0 * survived / RELOADS);
			}
			finally {
				debugger.close();
			}
		}
	}

	private static Debugger ideLike(DebuggableApp app, int port) throws Exception {
		IdeLikeDebugger ide = IdeLikeDebugger.attach(port);
		ide.breakAt(COUNTER, LINE, EventRequest.SUSPEND_EVENT_THREAD);
		return new Debugger() {

			@Override
			public String call() {
				return app.http().body("/count");
			}

			@Override
			public boolean stops() {
				int before = ide.hits();
				call();
				return ide.hits() == before + 1;
			}

			@Override
			public void close() {
				ide.close();
			}

		};
	}

	private static Debugger jdb(DebuggableApp app, int port) throws Exception {
		Jdb jdb = Jdb.attach(port);
		jdb.send("stop at " + COUNTER + ":" + LINE);
		jdb.awaitOutput("Set breakpoint " + COUNTER + ":" + LINE, 1);
		return new Debugger() {

			private String last = "";

			@Override
			public String call() {
				stops();
				return this.last;
			}

			@Override
			public boolean stops() {
				int before = jdb.hits();
				CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> app.http().body("/count"));
				BooleanSupplier hit = () -> jdb.hits() > before;
				// jdb also stops at uncaught exceptions (its default): go on past those.
				int exceptions = jdb.count("Exception occurred:");
				while (true) {
					int seen = exceptions;
					await().atMost(java.time.Duration.ofSeconds(90))
						.until(() -> hit.getAsBoolean() || answer.isDone() || jdb.count("Exception occurred:") > seen);
					exceptions = jdb.count("Exception occurred:");
					if (hit.getAsBoolean() || answer.isDone()) {
						break;
					}
					send(jdb, "cont");
				}
				boolean stopped = hit.getAsBoolean();
				try {
					if (stopped) {
						jdb.send("cont");
					}
					this.last = answer.get(60, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException("No answer; jdb printed:\n" + jdb.output(), ex);
				}
				return stopped;
			}

			@Override
			public void close() throws Exception {
				jdb.close();
			}

		};
	}

	private static void send(Jdb jdb, String command) {
		try {
			jdb.send(command);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the median step and continue latencies in ms.
	 */
	private double[] latency(boolean throughRelay) throws Exception {
		try (DebuggableApp app = DebuggableApp.start(this.temp.resolve("run" + (++this.runs)))) {
			app.http().body("/loop?times=1");
			VirtualMachine vm = IdeLikeDebugger
				.attachVirtualMachine(throughRelay ? app.relayPort() : app.agentPort());
			try {
				ReferenceType looper = vm.classesByName("app.Looper").get(0);
				Location line = looper.locationsOfLine(DebuggableApp.LOOP_LINE).get(0);
				BreakpointRequest breakpoint = vm.eventRequestManager().createBreakpointRequest(line);
				breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
				breakpoint.enable();
				int times = 3 * (SAMPLES + WARM_UP);
				CompletableFuture<String> call = CompletableFuture
					.supplyAsync(() -> app.http().body("/loop?times=" + times));
				EventSet set = vm.eventQueue().remove();
				List<Double> continues = new ArrayList<>();
				List<Double> steps = new ArrayList<>();
				for (int i = 0; i < SAMPLES + WARM_UP; i++) {
					long start = System.nanoTime();
					set.resume();
					set = vm.eventQueue().remove();
					record(continues, i, start);
					ThreadReference thread = ((LocatableEvent) set.iterator().next()).thread();
					StepRequest step = vm.eventRequestManager()
						.createStepRequest(thread, StepRequest.STEP_LINE, StepRequest.STEP_OVER);
					step.addCountFilter(1);
					step.enable();
					start = System.nanoTime();
					set.resume();
					set = vm.eventQueue().remove();
					record(steps, i, start);
					vm.eventRequestManager().deleteEventRequest(step);
					if (!(set.iterator().next() instanceof BreakpointEvent)) {
						set.resume();
						set = vm.eventQueue().remove();
					}
				}
				breakpoint.disable();
				set.resume();
				call.get(60, TimeUnit.SECONDS);
				return new double[] { median(steps), median(continues) };
			}
			finally {
				vm.dispose();
			}
		}
	}

	private static void record(List<Double> samples, int index, long start) {
		if (index >= WARM_UP) {
			samples.add((System.nanoTime() - start) / 1_000_000.0);
		}
	}

	private static double median(List<Double> samples) {
		List<Double> sorted = new ArrayList<>(samples);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private interface Debugger extends AutoCloseable {

		/** Call the endpoint once, going past the breakpoint if it stops there. */
		String call();

		/** Call the endpoint once and tell whether the breakpoint stopped it. */
		boolean stops();

	}

}
