package dev.reloadhook.serve.jetty;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.LongLivedExchanges;
import dev.reloadhook.serve.SwitchedGeneration;
import jakarta.servlet.ServletContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.ee11.servlet.ServletChannel;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Attributes;
import org.eclipse.jetty.util.Callback;

import org.springframework.boot.web.server.WebServerException;

/**
 * A generation's web application context (with Spring Boot's handler wrappers) in the
 * shared Jetty server.
 *
 * @author reload-hook
 */
final class JettyGeneration extends SwitchedGeneration {

	private static final Log logger = LogFactory.getLog(JettyGeneration.class);

	private static final String SERVLET_CHANNEL = ServletChannel.class.getName();

	private final Handler handler;

	private final ServletContext servletContext;

	private final GenerationWebAppContext context;

	JettyGeneration(SharedJetty jetty, Handler handler, GenerationWebAppContext context, LongLivedExchanges longLived) {
		super(jetty, longLived);
		this.handler = handler;
		this.context = context;
		this.servletContext = context.getServletContext();
	}

	@Override
	public void initialize() {
		try {
			this.context.initializeServlets();
		}
		catch (Exception ex) {
			throw new WebServerException("Unable to initialize the servlets of the Jetty context", ex);
		}
	}

	boolean handle(Request request, Response response, Callback callback) throws Exception {
		InFlightRequests inFlight = inFlight();
		inFlight.begin();
		Attributes connectionCache = request.getComponents().getCache();
		AtomicBoolean counted = new AtomicBoolean(true);
		Runnable end = () -> {
			if (counted.compareAndSet(true, false)) {
				forgetServletChannel(connectionCache);
				inFlight.end();
			}
		};
		boolean handled;
		try {
			// Ends when the response is complete, which may be after this returns.
			handled = this.handler.handle(request, response, Callback.from(callback, end));
		}
		catch (Exception | Error ex) {
			end.run();
			throw ex;
		}
		if (!handled || LongLivedExchanges.isStream(response.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
			// A stream (server-sent events, NDJSON) is no request the drain waits for:
			// it is completed when the generation is removed. (A WebSocket's upgrade
			// completes with its handshake.)
			end.run();
		}
		return handled;
	}

	/**
	 * Jetty keeps a persistent connection's servlet channel, which refers to this
	 * generation's context, for the connection's next request. An idle connection (a
	 * browser keeps one for minutes) would keep a closed generation reachable until its
	 * idle timeout; the next request, served by whichever generation serves then, gets a
	 * new channel anyway.
	 */
	private void forgetServletChannel(Attributes connectionCache) {
		if (connectionCache.getAttribute(SERVLET_CHANNEL) instanceof ServletChannel channel
				&& channel.getServletContextApi() == this.servletContext) {
			connectionCache.removeAttribute(SERVLET_CHANNEL);
		}
	}

	@Override
	public void remove() {
		// Jetty leaves them open when the context stops.
		OpenWebSockets.goAway(this.servletContext);
		super.remove();
	}

	void stopContext() {
		try {
			this.handler.stop();
			this.handler.destroy();
		}
		catch (Exception ex) {
			logger.warn("The Jetty context of a closed generation did not stop cleanly", ex);
		}
	}

	@Override
	public String serverName() {
		return "Jetty";
	}

}
