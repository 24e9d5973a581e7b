package dev.reloadhook.serve.netty;

import java.time.Duration;
import java.util.function.BiFunction;

import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.serve.SharedServerSlot;
import dev.reloadhook.serve.SwitchingServer;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.web.server.WebServer;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A Reactor Netty server of the JVM (one for the application, one for a management port):
 * created by the first generation, bound once, and handing every request to the generation
 * serving when the request arrives.
 * <p>
 * Its event loops are its own, created in the {@link BaseContext} and never disposed
 * before the application shuts down: a generation's {@code ReactorResourceFactory} may
 * dispose Reactor Netty's global resources when it closes, and loop threads created by a
 * generation would keep it from being collected.
 *
 * @author reload-hook
 */
final class SharedNetty extends SwitchingServer<NettyGeneration> implements HttpHandler {

	private final SharedServerSlot slot;

	private final ReactorResourceFactory resources;

	private final WebServer server;

	private SharedNetty(SharedServerSlot slot,
			BiFunction<HttpHandler, ReactorResourceFactory, WebServer> serverFactory) {
		this.slot = slot;
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResourcesSupplier(() -> LoopResources.create("reload-hook-" + slot.name()));
		resources.setShutdownQuietPeriod(Duration.ZERO);
		BaseContext.run(resources::afterPropertiesSet);
		this.resources = resources;
		this.server = serverFactory.apply(this, resources);
	}

	/**
	 * Return the server of this JVM, creating it if needed.
	 * @param slot the slot of the server asked for (the application's or the management one)
	 * @param serverFactory creates the server from the handler it must use for every
	 * request and the resources it must run on
	 * @return the shared server
	 */
	static SharedNetty obtain(SharedServerSlot slot,
			BiFunction<HttpHandler, ReactorResourceFactory, WebServer> serverFactory) {
		return slot.obtain(SharedNetty.class, () -> new SharedNetty(slot, serverFactory));
	}

	@Override
	public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		NettyGeneration generation = serving();
		if (generation == null) {
			// Only while the application shuts down for good.
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return response.setComplete();
		}
		return generation.handle(request, response);
	}

	@Override
	protected void bind() {
		this.server.start();
	}

	@Override
	public int port() {
		return this.server.getPort();
	}

	@Override
	public void stop() {
		this.slot.release(this);
		BaseContext.run(() -> {
			this.server.stop();
			this.resources.destroy();
		});
	}

}
