package dev.reloadhook.event;

import dev.reloadhook.observe.leak.LeakSuspect;
import dev.reloadhook.reload.GenerationListener;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadTier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes reload-hook's application events in the generation each concerns, with that
 * generation's class loader as context class loader. A listener that throws is logged and
 * never fails the reload.
 *
 * @author reload-hook
 */
public final class ReloadEventPublisher implements GenerationListener {

	private static final Log logger = LogFactory.getLog(ReloadEventPublisher.class);

	@Override
	public void retiring(ConfigurableApplicationContext context, ReloadRecord reload) {
		publish(context, new GenerationRetiringEvent(context, reload));
	}

	@Override
	public void reloaded(ReloadRecord reload, @Nullable ConfigurableApplicationContext serving) {
		if (serving == null || reload.tier() == ReloadTier.NO_OP && reload.outcome() == ReloadOutcome.SUCCESS) {
			return;
		}
		publish(serving, (reload.outcome() == ReloadOutcome.SUCCESS) ? new GenerationServingEvent(serving, reload)
				: new ReloadFailedEvent(serving, reload));
	}

	/**
	 * Publish a {@link LeakSuspectedEvent} in the serving generation.
	 * @param suspect the leak suspect
	 * @param serving the serving generation's application context, if any
	 */
	public void leakSuspected(LeakSuspect suspect, @Nullable ConfigurableApplicationContext serving) {
		if (serving != null) {
			publish(serving, new LeakSuspectedEvent(serving, suspect));
		}
	}

	private void publish(ConfigurableApplicationContext context, ApplicationEvent event) {
		if (!context.isActive()) {
			return;
		}
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(context.getClassLoader());
		try {
			context.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of " + event.getClass().getSimpleName() + " failed: " + ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

}
