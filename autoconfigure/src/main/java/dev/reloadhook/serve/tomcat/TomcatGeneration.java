package dev.reloadhook.serve.tomcat;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.ServedGeneration;
import org.apache.catalina.Context;

/**
 * A generation's context in the shared Tomcat.
 *
 * @author reload-hook
 */
final class TomcatGeneration implements ServedGeneration {

	private final SharedTomcat tomcat;

	private final Context context;

	private final InFlightValve inFlight;

	TomcatGeneration(SharedTomcat tomcat, Context context, InFlightValve inFlight) {
		this.tomcat = tomcat;
		this.context = context;
		this.inFlight = inFlight;
	}

	@Override
	public String serverName() {
		return "Tomcat";
	}

	@Override
	public void activate() {
		this.tomcat.activate(this.context);
	}

	@Override
	public void remove() {
		this.tomcat.remove(this.context);
	}

	@Override
	public int port() {
		return this.tomcat.getPort();
	}

	@Override
	public InFlightRequests inFlight() {
		return this.inFlight.inFlight();
	}

	@Override
	public void pauseServer() {
		this.tomcat.pause();
	}

	@Override
	public void stopServer() {
		this.tomcat.stop();
	}

}
