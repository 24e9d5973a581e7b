package dev.reloadhook.reload.restart;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.reloadhook.reload.FailureSummary;
import dev.reloadhook.reload.GenerationTraffic;
import dev.reloadhook.reload.cleanup.GenerationCaches;
import dev.reloadhook.reload.warm.MissingClasses;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generations of this JVM: launches each in a restart class loader of its own, closes
 * it so that it can be collected, and tells what the live ones are doing. Which one
 * serves, and when to launch or close one, is the coordinator's business.
 *
 * @author reload-hook
 */
public final class Generations {

	private static final Log logger = LogFactory.getLog(Generations.class);

	private final MainMethod mainMethod;

	private final String[] args;

	private final ClassDirectories classDirectories;

	private final ClassLoader baseClassLoader;

	private final AtomicInteger counter = new AtomicInteger();

	private final Map<Integer, Generation> open = new ConcurrentHashMap<>();

	private final ClosedGenerations closed = new ClosedGenerations();

	private final Supplier<MissingClasses> missingClasses;

	/**
	 * Create the generations of an application.
	 * @param mainMethod the application's main method
	 * @param args the application's arguments
	 * @param classDirectories the class directories each generation loads its own classes from
	 * @param baseClassLoader the class loader of the libraries
	 * @param missingClasses the classes the base class loader does not have, for the next
	 * generation's class loader
	 */
	public Generations(MainMethod mainMethod, String[] args, ClassDirectories classDirectories,
			ClassLoader baseClassLoader, Supplier<MissingClasses> missingClasses) {
		this.missingClasses = missingClasses;
		this.mainMethod = mainMethod;
		this.args = args.clone();
		this.classDirectories = classDirectories;
		this.baseClassLoader = baseClassLoader;
	}

	/**
	 * Start the next generation: its main method runs on a thread of its own, in a new
	 * restart class loader.
	 * @return the generation
	 */
	public Generation launch() {
		int id = this.counter.incrementAndGet();
		GenerationCaches.beforeLaunch(this.baseClassLoader);
		RestartClassLoader classLoader = new RestartClassLoader(id, this.classDirectories.urls(), this.baseClassLoader,
				this.missingClasses.get());
		Generation generation = new Generation(id, classLoader);
		this.open.put(id, generation);
		Thread thread = new Thread(() -> runMain(generation, classLoader), "reload-main-" + id);
		thread.setContextClassLoader(classLoader);
		thread.setDaemon(false);
		generation.mainThread(thread);
		thread.start();
		return generation;
	}

	private void runMain(Generation generation, ClassLoader classLoader) {
		try {
			this.mainMethod.invoke(classLoader, this.args);
			generation.failed(new IllegalStateException(
					"main method of " + this.mainMethod.className() + " returned without starting an application"));
		}
		catch (Throwable ex) {
			generation.failed(ex);
		}
	}

	/**
	 * Close a generation's context and drop every reference to it, so that its class
	 * loader can be collected.
	 * @param generation the generation
	 * @param instrumentation the instrumentation, if any, to find the caches to clear
	 */
	public void close(Generation generation, @Nullable Instrumentation instrumentation) {
		RestartClassLoader classLoader = generation.classLoader();
		ConfigurableApplicationContext context = generation.context();
		Thread thread = Thread.currentThread();
		try {
			if (context != null && context.isActive()) {
				thread.setContextClassLoader(classLoader);
				context.close();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Generation " + generation.id() + " did not close cleanly: " + FailureSummary.of(ex));
		}
		finally {
			thread.setContextClassLoader(this.baseClassLoader);
			this.open.remove(generation.id());
			generation.release();
		}
		if (classLoader != null) {
			GenerationCaches.clear(classLoader, instrumentation);
			try {
				classLoader.close();
			}
			catch (java.io.IOException ex) {
				logger.debug("Failed to close " + classLoader, ex);
			}
			this.closed.add(classLoader);
		}
	}

	/**
	 * Act on an open generation, if it still is.
	 * @param id the generation number
	 * @param action the action
	 */
	public void with(int id, Consumer<Generation> action) {
		Generation generation = this.open.get(id);
		if (generation != null) {
			action.accept(generation);
		}
	}

	public int liveCount() {
		return this.open.size() + this.closed.reachable().size();
	}

	public ClosedGenerations closed() {
		return this.closed;
	}

	/**
	 * Return the state of every live generation, oldest first.
	 * @param serving the serving generation, if any
	 * @return the states
	 */
	public List<GenerationState> states(@Nullable Generation serving) {
		List<GenerationState> states = new ArrayList<>();
		for (int id : this.closed.reachable()) {
			states.add(new GenerationState(id, GenerationState.Status.CLOSED, 0, this.closed.closedAt(id)));
		}
		for (Generation generation : this.open.values()) {
			GenerationTraffic traffic = generation.traffic();
			GenerationState.Status status = (generation == serving) ? GenerationState.Status.SERVING
					: generation.isRetiring() ? GenerationState.Status.RETIRING : GenerationState.Status.STARTING;
			states.add(new GenerationState(generation.id(), status, (traffic != null) ? traffic.inFlight() : 0, null));
		}
		states.sort(Comparator.comparingInt(GenerationState::generation));
		return states;
	}

}
