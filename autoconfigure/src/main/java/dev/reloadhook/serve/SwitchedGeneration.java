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

	private final LongLivedExchanges longLived;

	/**
	 * Create a generation served through the given server.
	 * @param server the server
	 */
	protected SwitchedGeneration(SwitchingServer<?> server) {
		this(server, new LongLivedExchanges());
	}

	/**
	 * Create a generation served through the given server.
	 * @param server the server
	 * @param longLived its long-lived exchanges, ended when it is removed
	 */
	protected SwitchedGeneration(SwitchingServer<?> server, LongLivedExchanges longLived) {
		this.server = server;
		this.longLived = longLived;
	}

	@Override
	public void activate() {
		this.server.activate(this);
	}

	@Override
	public void remove() {
		this.longLived.endAll();
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
	public LongLivedExchanges longLived() {
		return this.longLived;
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
