package dev.reloadhook.reload;

import java.util.List;
import java.util.StringJoiner;

import dev.reloadhook.reload.restart.Generation;

/**
 * The one line logged per reload: generation, tier, time, what changed.
 *
 * @author reload-hook
 */
final class ReloadLogLine {

	private static final int LISTED_FILES = 3;

	private ReloadLogLine() {
	}

	static String of(ReloadRecord record, int serving) {
		StringBuilder line = new StringBuilder();
		if (record.tier() == ReloadTier.NO_OP && record.outcome() == ReloadOutcome.FAILURE) {
			line.append("Reload failed: ").append(record.reason()).append(" in ");
		}
		else if (record.tier() == ReloadTier.NO_OP) {
			line.append("Nothing to reload in ");
		}
		else if (record.tier() == ReloadTier.HOTSWAP) {
			line.append("Generation ").append(record.generation()).append(" hot-swapped in ");
		}
		else if (record.tier() == ReloadTier.BEAN) {
			line.append("Generation ").append(record.generation()).append(" replaced beans in ");
		}
		else if (record.outcome() == ReloadOutcome.SUCCESS) {
			line.append("Generation ").append(record.generation()).append(" serving in ");
		}
		else {
			line.append("Reload failed: generation ").append(record.generation()).append(" did not start in ");
		}
		line.append(record.duration().toMillis()).append(" ms (").append(record.tier().name().toLowerCase().replace('_', '-'));
		phases(line, record);
		line.append("), ").append(cause(record.trigger()));
		if (record.outcome() == ReloadOutcome.FAILURE) {
			line.append(serving > 0 ? "; generation " + serving + " keeps serving" : "; nothing is serving")
				.append(", the next change retries: ")
				.append(record.error());
		}
		return line.toString();
	}

	private static void phases(StringBuilder line, ReloadRecord record) {
		StringJoiner joined = new StringJoiner(", ", ": ", "");
		joined.setEmptyValue("");
		record.phases().forEach((phase, duration) -> {
			if (phase.partOf() == null) {
				joined.add(phase.name().toLowerCase() + " " + duration.toMillis() + parts(record, phase)
						+ ((phase == ReloadPhase.DRAIN && record.heldRequests() > 0) ? held(record.heldRequests()) : ""));
			}
		});
		line.append(joined);
	}

	/** The parts of a phase in brackets after it: {@code refresh 540 [prepare 30, ...]}. */
	private static String parts(ReloadRecord record, ReloadPhase whole) {
		StringJoiner parts = new StringJoiner(", ", " [", "]");
		parts.setEmptyValue("");
		record.phases().forEach((phase, duration) -> {
			if (phase.partOf() == whole) {
				parts.add(phase.name().toLowerCase() + " " + duration.toMillis());
			}
		});
		return parts.toString();
	}

	private static String held(int requests) {
		return " (" + requests + ((requests == 1) ? " request held)" : " requests held)");
	}

	private static String cause(ReloadTrigger trigger) {
		return switch (trigger.type()) {
			case STARTUP -> "first start";
			case MANUAL -> "requested";
			case FILES -> files(trigger.files());
		};
	}

	private static String files(List<String> files) {
		String listed = String.join(", ", files.subList(0, Math.min(files.size(), LISTED_FILES)));
		String more = (files.size() > LISTED_FILES) ? " and " + (files.size() - LISTED_FILES) + " more" : "";
		return files.size() + ((files.size() == 1) ? " file" : " files") + " changed: " + listed + more;
	}

}
