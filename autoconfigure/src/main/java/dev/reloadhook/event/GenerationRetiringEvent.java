package dev.reloadhook.event;

import dev.reloadhook.reload.ReloadRecord;

import org.springframework.context.ApplicationContext;

/**
 * Published in a generation that a new one has just replaced, before its in-flight
 * requests are drained and it is closed: the place to pause a message listener or a
 * scheduled job so that the old and the new generation do not both run it.
 *
 * @author reload-hook
 */
public class GenerationRetiringEvent extends ReloadEvent {

	/**
	 * Create an event.
	 * @param context the retiring generation's application context
	 * @param reload the reload that replaces it
	 */
	public GenerationRetiringEvent(ApplicationContext context, ReloadRecord reload) {
		super(context, reload);
	}

}
