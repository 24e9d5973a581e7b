package dev.reloadhook.serve;

import java.time.Duration;

import dev.reloadhook.reload.GenerationTraffic;
import dev.reloadhook.reload.ShutdownSignal;
import dev.reloadhook.reload.TrafficSwitch;
import dev.reloadhook.reload.restart.BaseContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * The {@link WebServer} of one generation: its own application in the server of the JVM.
 * Starting it switches traffic to the generation; destroying it removes only its
 * application, unless the application is shutting down for good.
 *
 * @author reload-hook
 */
public final class GenerationWebServer implements WebServer, GenerationTraffic {

	private static final Log logger = LogFactory.getLog(GenerationWebServer.class);

	private static final Duration MANAGEMENT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

	private final ServedGeneration served;

	private final int generation;

	private final StartingGeneration.Server server;

	private final TrafficSwitch traffic;

	private final ShutdownSignal shutdown;

	private final Object monitor = new Object();

	private volatile Duration switchTime = Duration.ZERO;

	private boolean started;

	private boolean stopped;

	private boolean destroyed;

	/**
	 * Create the web server of a generation.
	 * @param served the generation's application in the shared server
	 * @param generation the generation number
	 * @param server which of the generation's servers it is
	 * @param traffic what to tell when the generation serves, and ask before
	 * @param shutdown whether the application is shutting down for good
	 */
	public GenerationWebServer(ServedGeneration served, int generation, StartingGeneration.Server server,
			TrafficSwitch traffic, ShutdownSignal shutdown) {
		this.served = served;
		this.generation = generation;
		this.server = server;
		this.traffic = traffic;
		this.shutdown = shutdown;
	}

	@Override
	public void start() {
		if (this.traffic.isAbandoned(this.generation)) {
			// It started after it was given up: the generation serving now stays.
			throw new WebServerException("Generation " + this.generation + " was abandoned: it took too long to start",
					null);
		}
		synchronized (this.monitor) {
			if (this.started) {
				return;
			}
			this.started = true;
		}
		this.served.initialize();
		this.traffic.switchWhenReady(this.generation, this::activate);
		if (this.server == StartingGeneration.Server.MANAGEMENT) {
			// The generation's traffic is its application's: the coordinator drains that.
			if (this.generation == 1) {
				logger.info("Management server (" + this.served.serverName() + ") started on port " + getPort()
						+ "; it stays bound across reloads");
			}
			return;
		}
		this.traffic.serving(this.generation, this);
		if (this.generation == 1) {
			logger.info(this.served.serverName() + " started on port " + getPort() + "; it stays bound across reloads");
		}
	}

	private void activate() {
		synchronized (this.monitor) {
			if (this.stopped) {
				return;
			}
			long start = System.nanoTime();
			this.served.activate();
			this.switchTime = Duration.ofNanos(System.nanoTime() - start);
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
		}
		if (this.server == StartingGeneration.Server.MANAGEMENT) {
			// The coordinator drains the application's requests only: the management
			// requests still running on this generation finish before it goes.
			awaitIdleQuietly();
		}
		// Streams and WebSockets end as the generation stops; its application leaves the
		// server in destroy(), once its beans are gone.
		this.served.longLived().endAll();
		if (this.shutdown.isShuttingDown()) {
			this.served.pauseServer();
		}
	}

	/**
	 * Remove the generation's application from the server, once the context has destroyed
	 * its beans: as Spring Boot stops its server only then, the servlet context's
	 * listeners, filters and threads go after the beans that own them (a scheduler that
	 * Spring Session's repository stops when it is destroyed is gone when Tomcat looks for
	 * threads the application left running).
	 */
	@Override
	public void destroy() {
		stop();
		synchronized (this.monitor) {
			if (this.destroyed) {
				return;
			}
			this.destroyed = true;
		}
		this.served.remove();
		if (this.shutdown.isShuttingDown()) {
			this.served.stopServer();
		}
	}

	private void awaitIdleQuietly() {
		try {
			awaitIdle(MANAGEMENT_DRAIN_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int getPort() {
		return this.served.port();
	}

	@Override
	public void shutDownGracefully(GracefulShutdownCallback callback) {
		if (this.shutdown.isShuttingDown()) {
			this.served.pauseServer();
		}
		BaseContext.newThread("reload-hook-graceful-shutdown", true, () -> {
			boolean idle;
			try {
				idle = awaitIdle(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				idle = false;
			}
			callback.shutdownComplete(idle ? GracefulShutdownResult.IDLE : GracefulShutdownResult.REQUESTS_ACTIVE);
		}).start();
	}

	@Override
	public int inFlight() {
		return this.served.inFlight().count();
	}

	@Override
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		return this.served.inFlight().awaitIdle(timeout);
	}

	@Override
	public Duration switchTime() {
		return this.switchTime;
	}

}
