package dev.reloadhook.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Logs what changed in the condition evaluation after a restart, in one line, when
 * anything did: which configuration classes and bean methods match now and no longer
 * match. Only the outcomes of the replaced generation are kept, as strings: nothing of it
 * stays reachable.
 *
 * @author reload-hook
 */
final class ConditionEvaluationDelta implements GenerationListener {

	private static final Log logger = LogFactory.getLog(ConditionEvaluationDelta.class);

	private volatile boolean enabled = true;

	private @Nullable Map<String, Boolean> previous;

	@Override
	public void configure(ReloadHookProperties properties) {
		this.enabled = properties.getRestart().isLogConditionEvaluationDelta();
	}

	@Override
	public synchronized void retiring(ConfigurableApplicationContext context, ReloadRecord reload) {
		this.previous = this.enabled ? outcomes(context) : null;
	}

	@Override
	public synchronized void reloaded(ReloadRecord reload, @Nullable ConfigurableApplicationContext serving) {
		Map<String, Boolean> before = this.previous;
		this.previous = null;
		if (!this.enabled || before == null || serving == null || reload.outcome() != ReloadOutcome.SUCCESS) {
			return;
		}
		String delta = delta(before, outcomes(serving));
		if (!delta.isEmpty()) {
			logger.info("Condition evaluation delta in generation " + reload.generation() + ": " + delta);
		}
	}

	static String delta(Map<String, Boolean> before, Map<String, Boolean> after) {
		List<String> matching = new ArrayList<>();
		List<String> notMatching = new ArrayList<>();
		after.forEach((source, match) -> {
			if (match && !Boolean.TRUE.equals(before.get(source))) {
				matching.add(source);
			}
		});
		before.forEach((source, match) -> {
			if (match && !Boolean.TRUE.equals(after.get(source))) {
				notMatching.add(source);
			}
		});
		List<String> parts = new ArrayList<>();
		if (!matching.isEmpty()) {
			parts.add("now matching " + matching);
		}
		if (!notMatching.isEmpty()) {
			parts.add("no longer matching " + notMatching);
		}
		return String.join("; ", parts);
	}

	private static Map<String, Boolean> outcomes(ConfigurableApplicationContext context) {
		Map<String, Boolean> outcomes = new TreeMap<>();
		try {
			ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource()
				.forEach((source, conditions) -> outcomes.put(ClassUtils.getShortName(source),
						conditions.isFullMatch()));
		}
		catch (IllegalStateException ex) {
			// The bean factory is already closed: nothing to compare.
			logger.debug("No condition delta: the bean factory is already closed", ex);
		}
		return outcomes;
	}

}
