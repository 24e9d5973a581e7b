package dev.reloadhook.event;

import dev.reloadhook.reload.ReloadRecord;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

/**
 * Base class of reload-hook's application events. The event classes belong to
 * reload-hook, not to a generation, so a listener in any generation receives them.
 *
 * @author reload-hook
 */
public abstract class ReloadEvent extends ApplicationEvent {

	private final ReloadRecord reload;

	/**
	 * Create an event.
	 * @param context the generation's application context it is published in
	 * @param reload what the reload did (so far)
	 */
	protected ReloadEvent(ApplicationContext context, ReloadRecord reload) {
		super(context);
		this.reload = reload;
	}

	/**
	 * Return the application context of the generation the event is published in.
	 * @return the application context
	 */
	public ApplicationContext getApplicationContext() {
		return (ApplicationContext) getSource();
	}

	/**
	 * Return what the reload did: its trigger, tier, reason, changed classes and the timings
	 * of the phases that have run.
	 * @return the reload
	 */
	public ReloadRecord getReload() {
		return this.reload;
	}

}
