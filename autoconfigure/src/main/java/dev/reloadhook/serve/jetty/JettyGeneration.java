package dev.reloadhook.serve.jetty;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.SwitchedGeneration;
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
final class JettyGeneration extends SwitchedGeneration {

	private static final Log logger = LogFactory.getLog(JettyGeneration.class);

	private final Handler handler;

	JettyGeneration(SharedJetty jetty, Handler handler) {
		super(jetty);
		this.handler = handler;
	}

	boolean handle(Request request, Response response, Callback callback) throws Exception {
		InFlightRequests inFlight = inFlight();
		inFlight.begin();
		boolean handled;
		try {
			// Ends when the response is complete, which may be after this returns.
			handled = this.handler.handle(request, response, Callback.from(callback, inFlight::end));
		}
		catch (Exception | Error ex) {
			inFlight.end();
			throw ex;
		}
		if (!handled) {
			inFlight.end();
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

}
