package dev.reloadhook.serve.tomcat;

import java.io.IOException;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.LongLivedExchanges;
import dev.reloadhook.serve.servlet.OnAsyncComplete;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Counts the requests a generation's context is serving, so the generation can be drained
 * before it is closed. An asynchronous request (a {@code DeferredResult}, a
 * {@code Callable}) counts until it completes; a streamed response (server-sent events,
 * NDJSON) does not count, as it never completes by itself (it is completed when the
 * generation is removed).
 *
 * @author reload-hook
 */
final class InFlightValve extends ValveBase {

	private final InFlightRequests inFlight = new InFlightRequests();

	InFlightValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		this.inFlight.begin();
		boolean endsLater = false;
		try {
			getNext().invoke(request, response);
			endsLater = request.isAsyncStarted() && !LongLivedExchanges.isStream(response.getContentType())
					&& endOnCompletion(request);
		}
		finally {
			if (!endsLater) {
				this.inFlight.end();
			}
		}
	}

	private boolean endOnCompletion(Request request) {
		try {
			// Still on the thread that started it: it cannot complete before this
			// returns, so the listener is told.
			request.getAsyncContext().addListener(new OnAsyncComplete(this.inFlight::end));
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	InFlightRequests inFlight() {
		return this.inFlight;
	}

}
