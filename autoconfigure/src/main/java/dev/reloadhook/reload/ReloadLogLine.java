package dev.reloadhook.reload;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.reloadhook.reload.restart.Generation;

/**
 * The one line logged per reload: generation, tier, time, what changed.
 *
 * @author reload-hook
 */
final class ReloadLogLine {

	private static final int LISTED = 3;

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
		line.append("), ").append(cause(record));
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

	private static String cause(ReloadRecord record) {
		return switch (record.trigger().type()) {
			case STARTUP -> "first start";
			case MANUAL -> "requested";
			case FILES -> changed(record);
		};
	}

	/**
	 * What changed: the classes whose content changed and the other files. A build writes
	 * many class files again unchanged (source mode recompiles a class's dependents, a
	 * full build all of them): listing the files written would bury the one that changed.
	 */
	private static String changed(ReloadRecord record) {
		List<String> written = record.trigger().files();
		List<String> changed = new ArrayList<>(record.classes());
		boolean nothing = record.tier() == ReloadTier.NO_OP && record.outcome() == ReloadOutcome.SUCCESS;
		if (!nothing) {
			// Resources the build wrote again unchanged make no reload: those of a reload
			// changed, as far as a line can tell.
			written.stream().filter((file) -> !file.endsWith(".class")).forEach(changed::add);
		}
		if (nothing || changed.isEmpty()) {
			return "written again unchanged: " + listed(written);
		}
		String writtenToo = (written.size() > changed.size()) ? " (" + count(written.size()) + " written)" : "";
		return "changed: " + listed(changed) + writtenToo;
	}

	private static String listed(List<String> names) {
		String listed = String.join(", ", names.subList(0, Math.min(names.size(), LISTED)));
		return (names.size() > LISTED) ? listed + " and " + (names.size() - LISTED) + " more" : listed;
	}

	private static String count(int files) {
		return files + ((files == 1) ? " file" : " files");
	}

}
