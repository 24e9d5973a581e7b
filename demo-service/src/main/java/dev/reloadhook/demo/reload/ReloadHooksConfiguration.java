package dev.reloadhook.demo.reload;

import dev.reloadhook.event.GenerationRetiringEvent;
import dev.reloadhook.event.GenerationServingEvent;
import dev.reloadhook.event.LeakSuspectedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Uses reload-hook's events when the starter is there (it is an optional, dev-only
 * dependency): after a reload the item count is read again, the way a real service would
 * warm a cache.
 *
 * @author reload-hook
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.reloadhook.event.GenerationServingEvent")
class ReloadHooksConfiguration {

	@Bean
	ReloadHooks reloadHooks(JdbcClient jdbc) {
		return new ReloadHooks(jdbc);
	}

	static class ReloadHooks {

		private static final Log logger = LogFactory.getLog(ReloadHooks.class);

		private final JdbcClient jdbc;

		ReloadHooks(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@EventListener
		void serving(GenerationServingEvent event) {
			long items = this.jdbc.sql("SELECT COUNT(*) FROM item").query(Long.class).single();
			logger.debug("Reload " + event.getReload().id() + " served; cache warmed with " + items + " items");
		}

		@EventListener
		void retiring(GenerationRetiringEvent event) {
			logger.debug("Generation replaced by " + event.getReload().generation() + ": pausing background work");
		}

		@EventListener
		void leak(LeakSuspectedEvent event) {
			// reload-hook already logged it; a team might fail a dev check or post to chat here.
			logger.debug("Leak suspect in generation " + event.getSuspect().generation() + ": "
					+ event.getSuspect().holders().size() + " likely holders");
		}

	}

}
