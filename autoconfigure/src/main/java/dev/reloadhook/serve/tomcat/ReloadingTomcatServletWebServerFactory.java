package dev.reloadhook.serve.tomcat;

import dev.reloadhook.serve.InitializerFailure;
import dev.reloadhook.serve.LongLivedExchanges;
import dev.reloadhook.serve.StartingGeneration;
import dev.reloadhook.serve.servlet.StreamedResponseFilter;
import org.apache.catalina.Context;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * A {@link TomcatServletWebServerFactory} whose servers outlive generations: the first
 * generation creates the one Tomcat of the JVM, and every generation deploys its own
 * context into it. Outside a reloading generation it behaves exactly like its superclass.
 *
 * @author reload-hook
 */
public class ReloadingTomcatServletWebServerFactory extends TomcatServletWebServerFactory
		implements ApplicationContextAware {

	private @Nullable StartingGeneration generation;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.generation = StartingGeneration.of(applicationContext);
	}

	@Override
	public WebServer getWebServer(ServletContextInitializer... initializers) {
		StartingGeneration generation = this.generation;
		if (generation == null) {
			return super.getWebServer(initializers);
		}
		SharedTomcat tomcat = SharedTomcat.obtain(generation.server(), this::createTomcat);
		InitializerFailure failure = new InitializerFailure();
		LongLivedExchanges longLived = new LongLivedExchanges();
		ServletContextInitializer[] capturing = failure
			.capturing(StreamedResponseFilter.first(longLived, initializers));
		InFlightValve inFlight = new InFlightValve();
		// Zero-padded: Tomcat orders context versions as strings.
		String version = String.format("%08d", generation.id());
		Context context = tomcat.deploy(version, (host) -> prepareContext(host, capturing), inFlight);
		Throwable startupFailure = failure.get();
		if (startupFailure != null) {
			tomcat.remove(context);
			throw new WebServerException("Unable to start embedded Tomcat", startupFailure);
		}
		return generation.webServer(new TomcatGeneration(tomcat, context, inFlight, longLived));
	}

}
