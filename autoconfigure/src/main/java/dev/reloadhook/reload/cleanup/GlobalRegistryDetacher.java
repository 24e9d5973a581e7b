package dev.reloadhook.reload.cleanup;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Removes a generation's meter registries from Micrometer's static global registry when
 * the generation closes. Spring Boot adds them there and never takes them out, which
 * would keep every closed generation (its meters, their gauges and its classes) alive.
 *
 * @author reload-hook
 */
public final class GlobalRegistryDetacher implements ApplicationListener<ContextClosedEvent> {

	private final ApplicationContext context;

	private final ObjectProvider<MeterRegistry> registries;

	/**
	 * Create a detacher for the given context's registries.
	 * @param context the generation's application context
	 * @param registries its meter registries
	 */
	public GlobalRegistryDetacher(ApplicationContext context, ObjectProvider<MeterRegistry> registries) {
		this.context = context;
		this.registries = registries;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		List<MeterRegistry> own = this.registries.orderedStream().toList();
		own.forEach(Metrics.globalRegistry::remove);
	}

}
