package dev.reloadhook.serve.netty;

import java.util.List;

import dev.reloadhook.serve.StartingGeneration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * A {@link NettyReactiveWebServerFactory} whose server outlives generations: the first
 * generation creates the one Reactor Netty server of the JVM, and every generation's
 * {@link HttpHandler} serves through it once the generation is ready. Outside a reloading
 * generation it behaves exactly like its superclass.
 *
 * @author reload-hook
 */
public class ReloadingNettyReactiveWebServerFactory extends NettyReactiveWebServerFactory
		implements ApplicationContextAware {

	private @Nullable StartingGeneration generation;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.generation = StartingGeneration.of(applicationContext);
	}

	@Override
	public WebServer getWebServer(HttpHandler httpHandler) {
		StartingGeneration generation = this.generation;
		if (generation == null) {
			return super.getWebServer(httpHandler);
		}
		SharedNetty netty = SharedNetty.obtain(generation.server(), (handler, resources) -> {
			setResourceFactory(resources);
			WebServer server = super.getWebServer(handler);
			// Applied by now; the server keeps this factory (for its address) for the
			// life of the JVM, and customizers reference their generation.
			setServerCustomizers(List.of());
			return server;
		});
		return generation.webServer(new NettyGeneration(netty, httpHandler));
	}

}
