package dev.reloadhook.tomcat;

import java.time.Duration;

import dev.reloadhook.reload.GenerationTraffic;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.restart.BaseContext;
import org.apache.catalina.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.GracefulShutdownCallback;
import org.springframework.boot.web.server.GracefulShutdownResult;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerException;

/**
 * The {@link WebServer} of one generation: its own context in the shared Tomcat. Starting
 * it switches traffic to the generation; stopping it removes only its context, unless the
 * application is shutting down for good.
 *
 * @author reload-hook
 */
final class GenerationWebServer implements WebServer, GenerationTraffic {

	private static final Log logger = LogFactory.getLog(GenerationWebServer.class);

	private final SharedTomcat tomcat;

	private final Context context;

	private final int generation;

	private final InFlightValve inFlight;

	private final ReloadCoordinator coordinator;

	private final Object monitor = new Object();

	private volatile Duration switchTime = Duration.ZERO;

	private boolean started;

	private boolean stopped;

	GenerationWebServer(SharedTomcat tomcat, Context context, int generation, InFlightValve inFlight,
			ReloadCoordinator coordinator) {
		this.tomcat = tomcat;
		this.context = context;
		this.generation = generation;
		this.inFlight = inFlight;
		this.coordinator = coordinator;
	}

	@Override
	public void start() {
		if (this.coordinator.isAbandoned(this.generation)) {
			// It started after it was given up: the generation serving now stays.
			throw new WebServerException("Generation " + this.generation + " was abandoned: it took too long to start",
					null);
		}
		synchronized (this.monitor) {
			if (this.started) {
				return;
			}
			long start = System.nanoTime();
			this.tomcat.activate(this.context);
			this.switchTime = Duration.ofNanos(System.nanoTime() - start);
			this.started = true;
		}
		this.coordinator.serving(this.generation, this);
		if (this.generation == 1) {
			logger.info("Tomcat started on port " + getPort() + "; it stays bound across reloads");
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
		this.tomcat.remove(this.context);
		if (this.coordinator.isShutDown()) {
			this.tomcat.stop();
		}
	}

	@Override
	public int getPort() {
		return this.tomcat.getPort();
	}

	@Override
	public void shutDownGracefully(GracefulShutdownCallback callback) {
		if (this.coordinator.isShutDown()) {
			this.tomcat.pause();
		}
		BaseContext.newThread("reload-hook-graceful-shutdown", true, () -> {
			boolean idle;
			try {
				idle = this.inFlight.awaitIdle(Duration.ofSeconds(30));
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
		return this.inFlight.inFlight();
	}

	@Override
	public boolean awaitIdle(Duration timeout) throws InterruptedException {
		return this.inFlight.awaitIdle(timeout);
	}

	@Override
	public Duration switchTime() {
		return this.switchTime;
	}

}
