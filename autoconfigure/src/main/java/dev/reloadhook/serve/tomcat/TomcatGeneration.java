package dev.reloadhook.serve.tomcat;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.LongLivedExchanges;
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

	private final LongLivedExchanges longLived;

	TomcatGeneration(SharedTomcat tomcat, Context context, InFlightValve inFlight, LongLivedExchanges longLived) {
		this.tomcat = tomcat;
		this.context = context;
		this.inFlight = inFlight;
		this.longLived = longLived;
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
		// Its WebSockets are closed by the context as it stops (1001).
		this.longLived.endAll();
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
	public LongLivedExchanges longLived() {
		return this.longLived;
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
