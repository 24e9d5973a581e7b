package dev.reloadhook.reload;

import org.springframework.beans.factory.BeanCreationException;

/**
 * Turns a startup failure into one line: the root cause, and the bean it happened in.
 *
 * @author reload-hook
 */
public final class FailureSummary {

	private FailureSummary() {
	}

	public static String of(Throwable failure) {
		Throwable root = failure;
		String bean = null;
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BeanCreationException creation && creation.getBeanName() != null) {
				bean = creation.getBeanName();
			}
			root = candidate;
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		String message = (root.getMessage() != null) ? root.getMessage().replaceAll("\\s+", " ").trim() : "";
		StringBuilder summary = new StringBuilder(root.getClass().getSimpleName());
		if (!message.isEmpty()) {
			summary.append(": ").append(message);
		}
		if (bean != null) {
			summary.append(" (bean '").append(bean).append("')");
		}
		return summary.toString();
	}

}
