package dev.reloadhook.jetty;

import java.util.function.Supplier;

import dev.reloadhook.restart.BaseContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * The one Jetty server of the JVM: configured by the first generation's factory (port,
 * connectors, thread pool, customizers), bound once, and handing every request to the
 * generation serving when the request arrives.
 * <p>
 * Every thread Jetty creates inherits from the thread that creates it, so all server-wide
 * work runs in the {@link BaseContext}.
 *
 * @author reload-hook
 */
final class SharedJetty extends Handler.Abstract {

	private static @Nullable SharedJetty instance;

	private final JettyWebServer webServer;

	private final Server server;

	private volatile @Nullable JettyGeneration serving;

	private boolean bound;

	private SharedJetty(Supplier<JettyWebServer> webServerFactory) {
		JettyWebServer[] created = new JettyWebServer[1];
		BaseContext.run(() -> {
			// Spring Boot's server, started without connectors and with an empty context:
			// its context is replaced by this handler, which every generation's context
			// is served through.
			JettyWebServer webServer = webServerFactory.get();
			Server server = webServer.getServer();
			try {
				server.stop();
				server.setHandler(this);
				server.start();
			}
			catch (Exception ex) {
				throw new WebServerException("Unable to start embedded Jetty", ex);
			}
			created[0] = webServer;
		});
		this.webServer = created[0];
		this.server = this.webServer.getServer();
	}

	static synchronized SharedJetty obtain(Supplier<JettyWebServer> webServerFactory) {
		SharedJetty shared = instance;
		if (shared == null) {
			shared = new SharedJetty(webServerFactory);
			instance = shared;
		}
		return shared;
	}

	Server server() {
		return this.server;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		JettyGeneration generation = this.serving;
		if (generation == null) {
			// Only while the application shuts down for good.
			Response.writeError(request, response, callback, 503);
			return true;
		}
		return generation.handle(request, response, callback);
	}

	/**
	 * Send new requests to the given generation, and bind the port if not bound yet.
	 * @param generation the generation
	 */
	synchronized void activate(JettyGeneration generation) {
		JettyGeneration previous = this.serving;
		this.serving = generation;
		if (!this.bound) {
			try {
				BaseContext.run(this.webServer::start);
			}
			catch (RuntimeException ex) {
				this.serving = previous;
				throw ex;
			}
			this.bound = true;
		}
	}

	/**
	 * Stop and forget a generation's context. Its requests have been drained by then.
	 * @param generation the generation
	 */
	synchronized void remove(JettyGeneration generation) {
		if (this.serving == generation) {
			this.serving = null;
		}
		BaseContext.run(generation::stopContext);
	}

	int getPort() {
		return this.webServer.getPort();
	}

	/**
	 * Stop the server and unbind its port: the application is shutting down for good.
	 */
	void stopServer() {
		synchronized (SharedJetty.class) {
			if (instance == this) {
				instance = null;
			}
		}
		BaseContext.run(() -> {
			this.webServer.stop();
			this.webServer.destroy();
		});
	}

}
