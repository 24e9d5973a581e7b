package dev.reloadhook.serve.netty;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.SwitchedGeneration;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A generation's {@link HttpHandler} in the shared Reactor Netty server.
 *
 * @author reload-hook
 */
final class NettyGeneration extends SwitchedGeneration {

	private final HttpHandler handler;

	NettyGeneration(SharedNetty netty, HttpHandler handler) {
		super(netty);
		this.handler = handler;
	}

	Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		InFlightRequests inFlight = inFlight();
		inFlight.begin();
		Mono<Void> handled;
		try {
			handled = this.handler.handle(request, response);
		}
		catch (RuntimeException | Error ex) {
			inFlight.end();
			throw ex;
		}
		// Ends on completion, error or cancellation (the client went away) alike.
		return handled.doFinally((signal) -> inFlight.end());
	}

	@Override
	public String serverName() {
		return "Netty";
	}

}
