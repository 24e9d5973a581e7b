package dev.reloadhook.serve.jetty;

import dev.reloadhook.serve.InitializerFailure;
import dev.reloadhook.serve.LongLivedExchanges;
import dev.reloadhook.serve.StartingGeneration;
import dev.reloadhook.serve.servlet.StreamedResponseFilter;
import org.eclipse.jetty.ee11.servlet.SessionHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * A {@link JettyServletWebServerFactory} whose server outlives generations: the first
 * generation creates the one Jetty server of the JVM, and every generation's web
 * application context is started beside the serving one and served through it once the
 * generation is ready. Outside a reloading generation it behaves exactly like its
 * superclass.
 *
 * @author reload-hook
 */
public class ReloadingJettyServletWebServerFactory extends JettyServletWebServerFactory
		implements ApplicationContextAware, BeanClassLoaderAware {

	private @Nullable StartingGeneration generation;

	private ClassLoader classLoader = getClass().getClassLoader();

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.generation = StartingGeneration.of(applicationContext);
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		// The generation's class loader; the context's own is the calling thread's when unset.
		this.classLoader = classLoader;
	}

	@Override
	public WebServer getWebServer(ServletContextInitializer... initializers) {
		StartingGeneration generation = this.generation;
		if (generation == null) {
			return super.getWebServer(initializers);
		}
		SharedJetty jetty = SharedJetty.obtain(generation.server(), () -> (JettyWebServer) super.getWebServer());
		GenerationWebAppContext context = new GenerationWebAppContext();
		context.getContext().getServletContext().setExtendedListenerTypes(true);
		context.setServer(jetty.server());
		InitializerFailure failure = new InitializerFailure();
		LongLivedExchanges longLived = new LongLivedExchanges();
		configureWebAppContext(context, failure.capturing(StreamedResponseFilter.first(longLived, initializers)));
		if (!getSettings().getSession().isPersistent()) {
			handOverSessions(context, jetty.sessions());
		}
		Handler handler = addHandlerWrappers(context);
		handler.setServer(jetty.server());
		JettyGeneration served = new JettyGeneration(jetty, handler, context, longLived);
		try {
			// Runs the generation's servlet context initializers: its web application is
			// ready before any request reaches it.
			handler.start();
		}
		catch (Exception ex) {
			served.stopContext();
			Throwable cause = failure.get();
			throw new WebServerException("Unable to start embedded Jetty", (cause != null) ? cause : ex);
		}
		return generation.webServer(served);
	}

	/**
	 * Keep the generation's sessions where the next generation finds them. (Sessions
	 * persisted to files, when asked for, carry over through the files.)
	 */
	private void handOverSessions(WebAppContext context, HandedOverSessions sessions) {
		SessionHandler handler = context.getSessionHandler();
		DefaultSessionCache cache = new DefaultSessionCache(handler);
		cache.setSessionDataStore(sessions.storeFor(this.classLoader));
		handler.setSessionCache(cache);
	}

}
