package dev.reloadhook.serve;

/**
 * A generation served through a {@link SwitchingServer}: the server's handler counts its
 * requests with {@link #inFlight()}.
 *
 * @author reload-hook
 */
public abstract class SwitchedGeneration implements ServedGeneration {

	private final SwitchingServer<?> server;

	private final InFlightRequests inFlight = new InFlightRequests();

	/**
	 * Create a generation served through the given server.
	 * @param server the server
	 */
	protected SwitchedGeneration(SwitchingServer<?> server) {
		this.server = server;
	}

	@Override
	public void activate() {
		this.server.activate(this);
	}

	@Override
	public void remove() {
		this.server.remove(this);
	}

	@Override
	public int port() {
		return this.server.port();
	}

	@Override
	public InFlightRequests inFlight() {
		return this.inFlight;
	}

	@Override
	public void pauseServer() {
		// Such a server cannot stop accepting and keep its port: the requests in flight
		// are drained by the generation, and stopping the server unbinds it.
	}

	@Override
	public void stopServer() {
		this.server.stop();
	}

}
