package dev.reloadhook.event;

import dev.reloadhook.reload.ReloadRecord;

import org.springframework.context.ApplicationContext;

/**
 * Published in a generation once it serves after a reload (a restart that started it, or
 * a hot swap applied to it): the place to warm a cache or reload data.
 *
 * @author reload-hook
 */
public class GenerationServingEvent extends ReloadEvent {

	/**
	 * Create an event.
	 * @param context the serving generation's application context
	 * @param reload the reload
	 */
	public GenerationServingEvent(ApplicationContext context, ReloadRecord reload) {
		super(context, reload);
	}

}
