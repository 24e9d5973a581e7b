package dev.reloadhook.serve.netty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.serve.StartingGeneration;
import dev.reloadhook.serve.SwitchingServer;
import org.jspecify.annotations.Nullable;
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

	// One per server of a generation: the application's and the management one.
	private static final Map<StartingGeneration.Server, SharedNetty> instances = new EnumMap<>(
			StartingGeneration.Server.class);

	private final ReactorResourceFactory resources;

	private final WebServer server;

	private SharedNetty(StartingGeneration.Server server,
			BiFunction<HttpHandler, ReactorResourceFactory, WebServer> serverFactory) {
		String loops = (server == StartingGeneration.Server.MANAGEMENT) ? "reload-hook-management" : "reload-hook-http";
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResourcesSupplier(() -> LoopResources.create(loops));
		resources.setShutdownQuietPeriod(Duration.ZERO);
		BaseContext.run(resources::afterPropertiesSet);
		this.resources = resources;
		this.server = serverFactory.apply(this, resources);
	}

	/**
	 * Return the server of this JVM, creating it if needed.
	 * @param server which of the generations' servers
	 * @param serverFactory creates the server from the handler it must use for every
	 * request and the resources it must run on
	 * @return the shared server
	 */
	static synchronized SharedNetty obtain(StartingGeneration.Server server,
			BiFunction<HttpHandler, ReactorResourceFactory, WebServer> serverFactory) {
		SharedNetty shared = instances.get(server);
		if (shared == null) {
			shared = new SharedNetty(server, serverFactory);
			instances.put(server, shared);
		}
		return shared;
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
		synchronized (SharedNetty.class) {
			instances.values().remove(this);
		}
		BaseContext.run(() -> {
			this.server.stop();
			this.resources.destroy();
		});
	}

}
