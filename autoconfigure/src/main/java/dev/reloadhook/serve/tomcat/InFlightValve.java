package dev.reloadhook.serve.tomcat;

import java.io.IOException;

import dev.reloadhook.serve.InFlightRequests;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Counts the requests a generation's context is serving, so the generation can be drained
 * before it is closed.
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
		try {
			getNext().invoke(request, response);
		}
		finally {
			this.inFlight.end();
		}
	}

	InFlightRequests inFlight() {
		return this.inFlight;
	}

}
