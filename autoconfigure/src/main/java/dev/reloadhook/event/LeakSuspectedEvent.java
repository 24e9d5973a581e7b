package dev.reloadhook.event;

import dev.reloadhook.observe.leak.LeakSuspect;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

/**
 * Published in the serving generation when a closed generation is found still reachable
 * after garbage collections: something the application started or registered outlived
 * its context. {@link #getSuspect()} names the likely holders.
 *
 * @author reload-hook
 */
public class LeakSuspectedEvent extends ApplicationEvent {

	private final LeakSuspect suspect;

	/**
	 * Create an event.
	 * @param context the serving generation's application context
	 * @param suspect the leak suspect
	 */
	public LeakSuspectedEvent(ApplicationContext context, LeakSuspect suspect) {
		super(context);
		this.suspect = suspect;
	}

	/**
	 * Return the leak suspect.
	 * @return the suspect
	 */
	public LeakSuspect getSuspect() {
		return this.suspect;
	}

}
