package dev.reloadhook.serve.tomcat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.serve.SharedServerSlot;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Engine;
import org.apache.catalina.Host;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Service;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServerException;

/**
 * An embedded Tomcat of the JVM (one for the application, one for a management port):
 * created by the first generation, its connector bound once, and each generation's context
 * deployed into it as a new version.
 * <p>
 * Every thread Tomcat creates inherits from the thread that creates it, so all server-wide
 * work runs in the {@link BaseContext}: otherwise the first generation could never be
 * collected.
 *
 * @author reload-hook
 */
final class SharedTomcat {

	private static final Log logger = LogFactory.getLog(SharedTomcat.class);

	private final Tomcat tomcat;

	private final GenerationHost host;

	private final Connector connector;

	private final List<Connector> heldConnectors = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final SessionHandOver sessions = new SessionHandOver();

	private @Nullable Context serving;

	private final SharedServerSlot slot;

	private SharedTomcat(SharedServerSlot slot, Tomcat tomcat) {
		this.slot = slot;
		this.tomcat = tomcat;
		this.host = replaceHost(tomcat);
		Service service = tomcat.getService();
		this.connector = tomcat.getConnector();
		// Bound only when the first generation is ready, as Spring Boot does.
		for (Connector connector : service.findConnectors()) {
			this.heldConnectors.add(connector);
			service.removeConnector(connector);
		}
		BaseContext.run(() -> {
			try {
				tomcat.start();
			}
			catch (LifecycleException ex) {
				throw new WebServerException("Unable to start embedded Tomcat", ex);
			}
		});
		// Tomcat's own threads are daemons: this one keeps the JVM alive while it serves.
		BaseContext.newThread("reload-hook-tomcat", false, this::awaitStop).start();
	}

	static SharedTomcat obtain(SharedServerSlot slot, Supplier<Tomcat> tomcatFactory) {
		return slot.obtain(SharedTomcat.class, () -> new SharedTomcat(slot, tomcatFactory.get()));
	}

	private static GenerationHost replaceHost(Tomcat tomcat) {
		Host original = tomcat.getHost();
		GenerationHost host = new GenerationHost();
		host.setName(original.getName());
		host.setAppBase(original.getAppBase());
		Engine engine = tomcat.getEngine();
		engine.removeChild(original);
		tomcat.setHost(host);
		return host;
	}

	/**
	 * Create, configure and start a generation's context, hidden from requests.
	 * @param version the context version, increasing with every generation
	 * @param preparer adds the context to the given host (Spring Boot's
	 * {@code prepareContext})
	 * @param valve the in-flight counter of the generation
	 * @return the started context
	 */
	synchronized Context deploy(String version, Consumer<Host> preparer, InFlightValve valve) {
		this.host.expect(version);
		preparer.accept(this.host);
		Context context = this.host.takeAdded();
		if (context == null) {
			throw new WebServerException("No context was added for version " + version, null);
		}
		context.getPipeline().addValve(valve);
		try {
			context.start();
		}
		catch (LifecycleException ex) {
			remove(context);
			throw new WebServerException("Unable to start the context of version " + version, ex);
		}
		if (context.getState() != LifecycleState.STARTED) {
			remove(context);
			throw new WebServerException("The context of version " + version + " failed to start", null);
		}
		return context;
	}

	/**
	 * Let the context serve: load its load-on-startup servlets, map it (new requests now
	 * reach it) and bind the port if this is the first context.
	 * @param context the context
	 */
	synchronized void activate(Context context) {
		loadOnStartup(context);
		Context previous = this.serving;
		if (previous != null) {
			this.sessions.copy(previous, context);
		}
		this.serving = context;
		this.host.revealToMapper(context);
		if (!this.heldConnectors.isEmpty()) {
			BaseContext.run(() -> {
				for (Connector connector : this.heldConnectors) {
					this.tomcat.getService().addConnector(connector);
					if (connector.getState() == LifecycleState.FAILED) {
						throw new WebServerException("Tomcat connector on port " + connector.getPort()
								+ " failed to start", null);
					}
				}
			});
			this.heldConnectors.clear();
		}
	}

	private void loadOnStartup(Context context) {
		List<Wrapper> wrappers = new ArrayList<>();
		for (Container child : context.findChildren()) {
			if (child instanceof Wrapper wrapper && wrapper.getLoadOnStartup() >= 0) {
				wrappers.add(wrapper);
			}
		}
		wrappers.sort(Comparator.comparingInt(Wrapper::getLoadOnStartup));
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(context.getLoader().getClassLoader());
		try {
			for (Wrapper wrapper : wrappers) {
				wrapper.load();
			}
		}
		catch (jakarta.servlet.ServletException ex) {
			throw new WebServerException("Unable to load a servlet of " + context.getName(), ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * Unmap, stop and remove a generation's context. Requests already mapped to it have
	 * been drained by then.
	 * @param context the context
	 */
	synchronized void remove(Context context) {
		this.sessions.finish(context);
		BaseContext.run(() -> this.host.removeChild(context));
	}

	/**
	 * Return the port the connector listens on.
	 * @return the port, or {@code -1} before it is bound
	 */
	int getPort() {
		return this.heldConnectors.isEmpty() ? this.connector.getLocalPort() : -1;
	}

	/**
	 * Stop accepting new connections (the first step of a graceful shutdown).
	 */
	void pause() {
		for (Connector connector : this.tomcat.getService().findConnectors()) {
			connector.pause();
		}
	}

	/**
	 * Stop and destroy the server: the application is shutting down for good.
	 */
	void stop() {
		this.slot.release(this);
		BaseContext.run(() -> {
			try {
				this.tomcat.stop();
				this.tomcat.destroy();
			}
			catch (LifecycleException ex) {
				logger.warn("Tomcat did not stop cleanly", ex);
			}
		});
		this.stopped.countDown();
	}

	private void awaitStop() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
