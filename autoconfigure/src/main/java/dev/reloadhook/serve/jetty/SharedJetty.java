package dev.reloadhook.serve.jetty;

import java.util.function.Supplier;

import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.serve.SharedServerSlot;
import dev.reloadhook.serve.SwitchingServer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * A Jetty server of the JVM (one for the application, one for a management port):
 * configured by the first generation's factory (port, connectors, thread pool,
 * customizers), bound once, and handing every request to the generation serving when the
 * request arrives.
 * <p>
 * Every thread Jetty creates inherits from the thread that creates it, so all server-wide
 * work runs in the {@link BaseContext}.
 *
 * @author reload-hook
 */
final class SharedJetty extends SwitchingServer<JettyGeneration> {

	private final SharedServerSlot slot;

	private final JettyWebServer webServer;

	private final Server server;

	private final HandedOverSessions sessions = new HandedOverSessions();

	private final Handler handler = new Handler.Abstract() {

		@Override
		public boolean handle(Request request, Response response, Callback callback) throws Exception {
			JettyGeneration generation = serving();
			if (generation == null) {
				// Only while the application shuts down for good.
				Response.writeError(request, response, callback, 503);
				return true;
			}
			return generation.handle(request, response, callback);
		}

	};

	private SharedJetty(SharedServerSlot slot, Supplier<JettyWebServer> webServerFactory) {
		this.slot = slot;
		JettyWebServer[] created = new JettyWebServer[1];
		BaseContext.run(() -> {
			// Spring Boot's server, started without connectors and with an empty context:
			// its context is replaced by this handler, which every generation's context
			// is served through.
			JettyWebServer webServer = webServerFactory.get();
			Server server = webServer.getServer();
			try {
				server.stop();
				Handler initial = server.getHandler();
				server.setHandler(this.handler);
				detach(initial);
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

	/**
	 * Unlink the handler wrappers Spring Boot put around the empty context of the first
	 * generation from that context. The web server keeps its statistics handler for the
	 * life of the JVM (its graceful shutdown, which reload-hook does not use, counts the
	 * requests it sees): through the context's configurations it would hold the first
	 * generation's factory, and so its application context and class loader.
	 */
	private static void detach(Handler initial) {
		Handler handler = initial;
		while (handler instanceof Handler.Singleton wrapper && !(handler instanceof ContextHandler)) {
			Handler wrapped = wrapper.getHandler();
			wrapper.setHandler((Handler) null);
			handler = wrapped;
		}
	}

	static SharedJetty obtain(SharedServerSlot slot, Supplier<JettyWebServer> webServerFactory) {
		return slot.obtain(SharedJetty.class, () -> new SharedJetty(slot, webServerFactory));
	}

	Server server() {
		return this.server;
	}

	HandedOverSessions sessions() {
		return this.sessions;
	}

	@Override
	protected void bind() {
		this.webServer.start();
	}

	@Override
	protected void removed(JettyGeneration generation) {
		generation.stopContext();
	}

	@Override
	public int port() {
		return this.webServer.getPort();
	}

	@Override
	public void stop() {
		this.slot.release(this);
		BaseContext.run(() -> {
			this.webServer.stop();
			this.webServer.destroy();
		});
	}

}
