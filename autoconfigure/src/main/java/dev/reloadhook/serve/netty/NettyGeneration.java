package dev.reloadhook.serve.netty;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.reloadhook.serve.InFlightRequests;
import dev.reloadhook.serve.LongLivedExchanges;
import dev.reloadhook.serve.SwitchedGeneration;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * A generation's {@link HttpHandler} in the shared Reactor Netty server.
 *
 * @author reload-hook
 */
final class NettyGeneration extends SwitchedGeneration {

	/** Close status of a WebSocket whose server goes away. */
	private static final int GOING_AWAY = 1001;

	private final HttpHandler handler;

	NettyGeneration(SharedNetty netty, HttpHandler handler) {
		super(netty);
		this.handler = handler;
	}

	Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		InFlightRequests inFlight = inFlight();
		inFlight.begin();
		AtomicBoolean counted = new AtomicBoolean(true);
		Runnable end = () -> {
			if (counted.compareAndSet(true, false)) {
				inFlight.end();
			}
		};
		Sinks.One<Boolean> removed = Sinks.one();
		AtomicReference<Runnable> forget = new AtomicReference<>(() -> {
		});
		response.beforeCommit(() -> {
			MediaType type = response.getHeaders().getContentType();
			if (type != null && LongLivedExchanges.isStream(type.toString())) {
				// A stream (server-sent events, NDJSON) is no request the drain waits
				// for: it ends (its response complete) when the generation is removed.
				end.run();
				forget.set(longLived().add(() -> removed.tryEmitValue(true)));
			}
			return Mono.empty();
		});
		if ("websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
			closeWhenRemoved(response);
		}
		Mono<Void> handled;
		try {
			handled = this.handler.handle(request, response);
		}
		catch (RuntimeException | Error ex) {
			end.run();
			throw ex;
		}
		// Ends on completion, error or cancellation (the client went away) alike.
		return handled.takeUntilOther(removed.asMono()).doFinally((signal) -> {
			end.run();
			forget.get().run();
		});
	}

	/**
	 * Close the WebSocket an upgrade request opens with 1001 "going away" when the
	 * generation is removed.
	 */
	private void closeWhenRemoved(ServerHttpResponse response) {
		HttpServerResponse nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		nativeResponse.withConnection((connection) -> {
			Runnable forget = longLived().add(() -> goAway(connection));
			connection.onDispose(forget::run);
		});
	}

	private static void goAway(Connection connection) {
		// Only once upgraded: an upgrade that was refused left an HTTP connection.
		if (ChannelOperations.get(connection.channel()) instanceof WebsocketOutbound websocket) {
			websocket.sendClose(GOING_AWAY, "Server restarting").subscribe(null, (ex) -> connection.dispose());
		}
	}

	@Override
	public String serverName() {
		return "Netty";
	}

}
