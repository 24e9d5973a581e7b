package dev.reloadhook.testsupport;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The Markdown report of the reload figures: how they were taken, one table of medians
 * (kinds of edit by variants), then every figure and the tier of every reload.
 */
public final class FiguresReport {

	private static final String LOGIN = """
			The requests carry the session cookie of one form login made when the application
			has started (the session outlives the reloads in every variant): with HTTP basic,
			every request and every poll would check the password again, with the BCrypt
			encoder Spring Security upgrades the fixture's user to at its first login, tens of
			milliseconds of CPU each, in every variant.""";

	private final String title;

	private final String command;

	private final List<String> notes = new ArrayList<>();

	private final List<Run> runs = new ArrayList<>();

	private String application = "";

	private Instant started = Instant.now();

	private String loadAtStart = "";

	private int edits;

	private int pollMillis;

	private boolean login;

	private List<FigureKind> kinds = List.of();

	private List<FigureVariant> variants = List.of();

	/**
	 * Create a report.
	 * @param title its heading, the application's name is added
	 * @param command the command that takes the figures
	 */
	public FiguresReport(String title, String command) {
		this.title = title;
		this.command = command;
	}

	/**
	 * Add a paragraph below the list of edits (a kind of edit left out, and why).
	 */
	public FiguresReport note(String note) {
		this.notes.add(note);
		return this;
	}

	void start(String application, int edits, int pollMillis, boolean login, List<FigureKind> kinds,
			List<FigureVariant> variants) {
		this.application = application;
		this.started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.loadAtStart = loadAverage();
		this.edits = edits;
		this.pollMillis = pollMillis;
		this.login = login;
		this.kinds = kinds;
		this.variants = variants;
	}

	void add(Run run) {
		this.runs.add(run);
	}

	/**
	 * Return the report with the runs so far.
	 */
	public String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("# ").append(this.title).append(" (").append(this.application).append(")\n\n");
		text.append("""
				%s, %d cores, JDK %s, load average at start %s, at the last run's end %s (a figure is
				only worth comparing when the machine was otherwise idle).
				One application JVM per kind of edit and variant, on a fresh copy of the application's
				classes and a loopback port; the edits are compiled with `javax.tools` before it starts.
				The time runs from writing the edit's first class file into the class directory to the
				end of the first 200 response that shows the edit; the client polls every %d ms
				(`-Dbean.figures.poll-ms`), the same for every variant. Edit 0 of each run adds the
				classes the later edits change and is not counted; after each edit the harness waits
				until the tool reports the reload done (reload-hook: `/actuator/reload` idle, DevTools:
				its "Started" line).
				""".formatted(this.started, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), this.loadAtStart, loadAverage(), this.pollMillis));
		if (this.login) {
			text.append('\n').append(LOGIN).append('\n');
		}
		text.append("\n```\n").append(this.command).append("\n```\n\n");
		text.append("Edits (`-Dbean.figures.kinds`):\n");
		this.kinds.forEach((kind) -> text.append("- **").append(kind.id()).append("**: ").append(kind.description())
			.append('\n'));
		text.append("\nVariants (`-Dbean.figures.variants`):\n");
		this.variants.forEach((variant) -> text.append("- **")
			.append(variant.label())
			.append("** (`")
			.append(variant.id())
			.append("`): ")
			.append(variant.description())
			.append('\n'));
		this.notes.forEach((note) -> text.append('\n').append(note).append('\n'));
		text.append("\nMedian [min–max] of ")
			.append(this.edits)
			.append(" edits (ms), and the tier of each reload from the tool's log (reload-hook: its line per ")
			.append("reload; DevTools: its \"Started\" line per restart):\n\n");
		text.append("| edit |");
		this.variants.forEach((variant) -> text.append(' ').append(variant.label()).append(" |"));
		text.append("\n|---|").append("---|".repeat(this.variants.size())).append('\n');
		for (FigureKind kind : this.kinds) {
			text.append("| ").append(kind.id()).append(" |");
			for (FigureVariant variant : this.variants) {
				Run run = find(kind, variant);
				text.append(' ').append((run != null) ? run.summary() : "").append(" |");
			}
			text.append('\n');
		}
		text.append("\n## Every figure\n\n| edit | variant | median (ms) | min–max (ms) | all (ms) | tiers |\n")
			.append("|---|---|---|---|---|---|\n");
		for (Run run : this.runs) {
			text.append("| ").append(run.kind().id()).append(" | ").append(run.variant().label()).append(" | ");
			if (run.failure() != null) {
				text.append("failed | | ").append(run.failure()).append(" | |\n");
			}
			else {
				text.append(run.median()).append(" | ").append(run.min()).append("–").append(run.max()).append(" | ")
					.append(run.millis()).append(" | ").append(String.join(", ", run.tiers())).append(" |\n");
			}
		}
		List<Run> refused = this.runs.stream().filter((run) -> !run.reasons().isEmpty()).toList();
		if (!refused.isEmpty()) {
			text.append("\nWhy reload-hook restarted instead of replacing beans (its log line \"Bean tier not used, ")
				.append("a restart applies the change: …\", the distinct reasons):\n\n");
			refused.forEach((run) -> run.reasons()
				.forEach((reason) -> text.append("- ")
					.append(run.kind().id())
					.append(", ")
					.append(run.variant().label())
					.append(": ")
					.append(reason)
					.append('\n')));
		}
		return text.toString();
	}

	private @Nullable Run find(FigureKind kind, FigureVariant variant) {
		return this.runs.stream()
			.filter((run) -> run.kind().id().equals(kind.id()) && run.variant() == variant)
			.findFirst()
			.orElse(null);
	}

	private static String loadAverage() {
		return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * The figures of one run: one kind of edit, one variant.
	 *
	 * @param kind the kind of edit
	 * @param variant the variant
	 * @param millis the measured edits' times, in order
	 * @param tiers the tier of each reload after edit 0, from the tool's log
	 * @param reasons why the bean tier was not used, as reload-hook logged it
	 * @param failure why the run gave no figures, or {@code null}
	 */
	record Run(FigureKind kind, FigureVariant variant, List<Long> millis, List<String> tiers, List<String> reasons,
			@Nullable String failure) {

		static Run failed(FigureKind kind, FigureVariant variant, String failure) {
			return new Run(kind, variant, List.of(), List.of(), List.of(), failure);
		}

		long median() {
			return sorted().get(this.millis.size() / 2);
		}

		long min() {
			return sorted().get(0);
		}

		long max() {
			return sorted().get(this.millis.size() - 1);
		}

		private List<Long> sorted() {
			return this.millis.stream().sorted().toList();
		}

		/** The cell of the table of medians: "42 [36–58], bean ×20". */
		String summary() {
			if (this.failure != null) {
				return "failed";
			}
			Map<String, Long> counts = this.tiers.stream()
				.collect(Collectors.groupingBy((tier) -> tier, LinkedHashMap::new, Collectors.counting()));
			String tierText = counts.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " ×" + entry.getValue())
				.collect(Collectors.joining(", "));
			return median() + " [" + min() + "–" + max() + "], " + tierText;
		}

	}

}
