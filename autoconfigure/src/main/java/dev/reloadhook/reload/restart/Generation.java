package dev.reloadhook.reload.restart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.reloadhook.reload.GenerationTraffic;
import dev.reloadhook.reload.ReloadPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;

/**
 * One generation of the application: its class loader, its application context and the
 * server side that serves it. References are dropped when it is closed so that nothing
 * keeps it reachable.
 *
 * @author reload-hook
 */
public final class Generation {

	private final int id;

	private final long launchedNanos = System.nanoTime();

	private final RefreshSteps refreshSteps = new RefreshSteps();

	private volatile long readyNanos;

	private volatile @Nullable RestartClassLoader classLoader;

	private volatile @Nullable ConfigurableApplicationContext context;

	private volatile @Nullable GenerationTraffic traffic;

	private volatile boolean retiring;

	/** The class loader of the newest bean-tier reload in this generation, if any. */
	private volatile @Nullable ClassLoader beanClassLoader;

	/** The classes bean-tier reloads defined again in this generation. */
	private final Set<String> beanClasses = ConcurrentHashMap.newKeySet();

	private volatile boolean foreignServer;

	private volatile boolean abandoned;

	private volatile @Nullable Thread mainThread;

	private final CompletableFuture<ConfigurableApplicationContext> ready = new CompletableFuture<>();

	/** Servers waiting to take this generation's traffic when it is ready. */
	private final List<Runnable> switches = new ArrayList<>();

	Generation(int id, RestartClassLoader classLoader) {
		this.id = id;
		this.classLoader = classLoader;
	}

	public int id() {
		return this.id;
	}

	public long launchedNanos() {
		return this.launchedNanos;
	}

	/**
	 * Return the parts of this generation's start once it is ready: preparing, parsing
	 * the bean definitions, the web server, the beans, the runners.
	 * @return the parts of the refresh phase, empty if it is not ready or its
	 * application timed its start with an application startup of its own
	 */
	public Map<ReloadPhase, Duration> refreshParts() {
		long ready = this.readyNanos;
		return (ready != 0) ? this.refreshSteps.parts(this.launchedNanos, ready) : Map.of();
	}

	public @Nullable RestartClassLoader classLoader() {
		return this.classLoader;
	}

	public @Nullable ConfigurableApplicationContext context() {
		return this.context;
	}

	public void prepared(ConfigurableApplicationContext context) {
		if (this.context == null) {
			this.context = context;
			if (context.getApplicationStartup() == ApplicationStartup.DEFAULT) {
				// Before the refresh: it times the parts of the generation's start.
				context.setApplicationStartup(this.refreshSteps);
			}
		}
	}

	public void ready(ConfigurableApplicationContext context) {
		this.readyNanos = System.nanoTime();
		this.context = context;
		synchronized (this.switches) {
			if (!this.abandoned) {
				this.switches.forEach(Runnable::run);
			}
			this.switches.clear();
		}
		this.ready.complete(context);
	}

	/**
	 * Switch a server's traffic to this generation once it is ready, unless it is
	 * abandoned first.
	 * @param activation switches the traffic
	 */
	void switchWhenReady(Runnable activation) {
		synchronized (this.switches) {
			if (this.ready.isDone()) {
				if (!this.abandoned && !this.ready.isCompletedExceptionally()) {
					activation.run();
				}
				return;
			}
			this.switches.add(activation);
		}
	}

	public void failed(Throwable failure) {
		this.ready.completeExceptionally(failure);
	}

	/**
	 * Wait until the generation is ready or failed, at most the given time.
	 * @param timeout how long to wait
	 * @return the started application context
	 * @throws TimeoutException if it neither started nor failed in time
	 * @throws Throwable why it failed
	 */
	public ConfigurableApplicationContext awaitReady(Duration timeout) throws Throwable {
		try {
			return this.ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

	void mainThread(Thread thread) {
		this.mainThread = thread;
	}

	/**
	 * Give up on a generation whose start takes too long: it must never serve, and its main
	 * thread is interrupted in case it waits for something.
	 */
	public void abandon() {
		synchronized (this.switches) {
			this.abandoned = true;
		}
		Thread thread = this.mainThread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	public boolean isAbandoned() {
		return this.abandoned;
	}

	/**
	 * Wait until the generation is ready or failed.
	 * @return the started application context
	 * @throws Throwable why it failed
	 */
	public ConfigurableApplicationContext awaitReady() throws Throwable {
		try {
			return this.ready.get();
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

	public void serving(GenerationTraffic traffic) {
		this.traffic = traffic;
	}

	public @Nullable GenerationTraffic traffic() {
		return this.traffic;
	}

	/**
	 * Note that this generation's web server is not one that outlives generations: the
	 * next generation can only bind its port once this one is closed.
	 */
	public void usesForeignServer() {
		this.foreignServer = true;
	}

	public boolean hasForeignServer() {
		return this.foreignServer;
	}

	/**
	 * Return the class loader new bean-tier class versions delegate to: the newest
	 * bean-tier class loader of this generation, or its restart class loader.
	 * @return the class loader, or {@code null} once closed
	 */
	public @Nullable ClassLoader newestClassLoader() {
		ClassLoader beans = this.beanClassLoader;
		return (beans != null) ? beans : this.classLoader;
	}

	/**
	 * Note that a bean-tier reload defined new versions of classes.
	 * @param classLoader the class loader that defined them
	 * @param classNames their names
	 */
	public void beansReplaced(ClassLoader classLoader, Set<String> classNames) {
		this.beanClassLoader = classLoader;
		this.beanClasses.addAll(classNames);
	}

	/**
	 * Return whether a bean-tier reload defined a new version of one of the given classes:
	 * hot swap would redefine the version no longer in use.
	 * @param classNames the class names
	 * @return whether one of them was replaced
	 */
	public boolean replacedByBeanTier(List<String> classNames) {
		return classNames.stream().anyMatch(this.beanClasses::contains);
	}

	public void retire() {
		this.retiring = true;
	}

	public boolean isRetiring() {
		return this.retiring;
	}

	/**
	 * Forget everything this generation held, once it is closed.
	 */
	void release() {
		this.mainThread = null;
		this.context = null;
		this.traffic = null;
		this.classLoader = null;
		this.beanClassLoader = null;
		this.beanClasses.clear();
	}

}
