package dev.reloadhook.tomcat;

import java.util.concurrent.atomic.AtomicReference;

import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.restart.RestartClassLoader;
import dev.reloadhook.serve.GenerationWebServer;
import org.apache.catalina.Context;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * A {@link TomcatServletWebServerFactory} whose servers outlive generations: the first
 * generation creates the one Tomcat of the JVM, and every generation deploys its own
 * context into it. Outside a reloading generation it behaves exactly like its superclass.
 *
 * @author reload-hook
 */
public class ReloadingTomcatServletWebServerFactory extends TomcatServletWebServerFactory {

	@Override
	public WebServer getWebServer(ServletContextInitializer... initializers) {
		ReloadCoordinator coordinator = ReloadCoordinator.instance();
		int generation = RestartClassLoader.generationOf(Thread.currentThread().getContextClassLoader());
		if (coordinator == null || generation == 0) {
			return super.getWebServer(initializers);
		}
		SharedTomcat tomcat = SharedTomcat.obtain(this::createTomcat);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		ServletContextInitializer[] capturing = capturing(initializers, failure);
		InFlightValve inFlight = new InFlightValve();
		// Zero-padded: Tomcat orders context versions as strings.
		String version = String.format("%08d", generation);
		Context context = tomcat.deploy(version, (host) -> prepareContext(host, capturing), inFlight);
		Throwable startupFailure = failure.get();
		if (startupFailure != null) {
			tomcat.remove(context);
			throw new WebServerException("Unable to start embedded Tomcat", startupFailure);
		}
		return new GenerationWebServer(new TomcatGeneration(tomcat, context, inFlight), generation, coordinator);
	}

	private static ServletContextInitializer[] capturing(ServletContextInitializer[] initializers,
			AtomicReference<Throwable> failure) {
		ServletContextInitializer[] capturing = new ServletContextInitializer[initializers.length];
		for (int i = 0; i < initializers.length; i++) {
			ServletContextInitializer initializer = initializers[i];
			// Tomcat swallows initializer failures while starting a context; keep the
			// first one to fail the generation with its real cause.
			capturing[i] = (servletContext) -> {
				try {
					initializer.onStartup(servletContext);
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
					throw ex;
				}
			};
		}
		return capturing;
	}

}
