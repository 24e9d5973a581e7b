package dev.reloadhook.event;

import dev.reloadhook.reload.ReloadRecord;

import org.springframework.context.ApplicationContext;

/**
 * Published in the serving generation when a reload failed (a compile error, or a new
 * generation that did not start): it keeps serving. {@link ReloadRecord#error()} says why.
 *
 * @author reload-hook
 */
public class ReloadFailedEvent extends ReloadEvent {

	/**
	 * Create an event.
	 * @param context the serving generation's application context
	 * @param reload the failed reload
	 */
	public ReloadFailedEvent(ApplicationContext context, ReloadRecord reload) {
		super(context, reload);
	}

}
