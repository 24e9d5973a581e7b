package dev.reloadhook.autoconfigure;

import dev.reloadhook.boot.ReloadRuntime;
import dev.reloadhook.reload.restart.RestartClassLoader;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnReloading}.
 *
 * @author reload-hook
 */
final class OnReloadingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (ReloadRuntime.current() == null) {
			return ConditionOutcome.noMatch("reload-hook is not active in this JVM");
		}
		int generation = RestartClassLoader.generationOf(context.getClassLoader());
		if (generation == 0) {
			return ConditionOutcome.noMatch("the application context does not belong to a generation");
		}
		return ConditionOutcome.match("generation " + generation);
	}

}
