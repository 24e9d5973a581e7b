package dev.reloadhook.jetty;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.ServedGeneration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A generation's web application context (with Spring Boot's handler wrappers) in the
 * shared Jetty server.
 *
 * @author reload-hook
 */
final class JettyGeneration implements ServedGeneration {

	private static final Log logger = LogFactory.getLog(JettyGeneration.class);

	private final SharedJetty jetty;

	private final Handler handler;

	private final InFlightRequests inFlight = new InFlightRequests();

	JettyGeneration(SharedJetty jetty, Handler handler) {
		this.jetty = jetty;
		this.handler = handler;
	}

	boolean handle(Request request, Response response, Callback callback) throws Exception {
		this.inFlight.begin();
		boolean handled;
		try {
			// Ends when the response is complete, which may be after this returns.
			handled = this.handler.handle(request, response, Callback.from(callback, this.inFlight::end));
		}
		catch (Exception | Error ex) {
			this.inFlight.end();
			throw ex;
		}
		if (!handled) {
			this.inFlight.end();
		}
		return handled;
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

	@Override
	public void activate() {
		this.jetty.activate(this);
	}

	@Override
	public void remove() {
		this.jetty.remove(this);
	}

	@Override
	public int port() {
		return this.jetty.getPort();
	}

	@Override
	public InFlightRequests inFlight() {
		return this.inFlight;
	}

	@Override
	public void pauseServer() {
		// Jetty's connectors stop with the server: the requests in flight are drained by
		// the generation first.
	}

	@Override
	public void stopServer() {
		this.jetty.stopServer();
	}

}
