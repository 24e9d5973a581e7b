package dev.reloadhook.netty;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.ServedGeneration;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A generation's {@link HttpHandler} in the shared Reactor Netty server.
 *
 * @author reload-hook
 */
final class NettyGeneration implements ServedGeneration {

	private final SharedNetty netty;

	private final HttpHandler handler;

	private final InFlightRequests inFlight = new InFlightRequests();

	NettyGeneration(SharedNetty netty, HttpHandler handler) {
		this.netty = netty;
		this.handler = handler;
	}

	Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		this.inFlight.begin();
		Mono<Void> handled;
		try {
			handled = this.handler.handle(request, response);
		}
		catch (RuntimeException | Error ex) {
			this.inFlight.end();
			throw ex;
		}
		// Ends on completion, error or cancellation (the client went away) alike.
		return handled.doFinally((signal) -> this.inFlight.end());
	}

	@Override
	public String serverName() {
		return "Netty";
	}

	@Override
	public void activate() {
		this.netty.activate(this);
	}

	@Override
	public void remove() {
		this.netty.remove(this);
	}

	@Override
	public int port() {
		return this.netty.getPort();
	}

	@Override
	public InFlightRequests inFlight() {
		return this.inFlight;
	}

	@Override
	public void pauseServer() {
		// Reactor Netty cannot stop accepting and keep its port: the requests in flight are
		// drained by the generation, and stopping the server unbinds it.
	}

	@Override
	public void stopServer() {
		this.netty.stop();
	}

}
