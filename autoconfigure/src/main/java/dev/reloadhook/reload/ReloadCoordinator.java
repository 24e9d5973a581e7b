package dev.reloadhook.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.classify.ClassFingerprints;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.debug.DebugRelay;
import dev.reloadhook.debug.DebugRelayLauncher;
import dev.reloadhook.reload.bean.BeanTier;
import dev.reloadhook.reload.bean.NotReplaceableException;
import dev.reloadhook.reload.cleanup.LeakPrevention;
import dev.reloadhook.reload.hotswap.HotSwapper;
import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.ClosedGenerations;
import dev.reloadhook.reload.restart.Generation;
import dev.reloadhook.reload.restart.GenerationState;
import dev.reloadhook.reload.restart.Generations;
import dev.reloadhook.reload.restart.MainMethod;
import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.watch.ChangedFile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * Runs reloads, one at a time: starts each new generation beside the serving one, lets the
 * server switch to it, drains and closes the old one. Requests for a reload that arrive
 * while one runs are merged into the next one. A generation that fails to start is
 * discarded and the serving one stays.
 * <p>
 * There is one coordinator per JVM, created before the first generation and loaded by the
 * base class loader, so it outlives every generation.
 *
 * @author reload-hook
 */
public final class ReloadCoordinator {

	private static final Log logger = LogFactory.getLog(ReloadCoordinator.class);

	private static volatile @Nullable ReloadCoordinator instance;

	private final ClassDirectories classDirectories;

	private final ClassLoader baseClassLoader;

	private final String mainClassFile;

	private volatile ReloadHookProperties properties;

	private final ExecutorService executor;

	private final Object monitor = new Object();

	private @Nullable ReloadTrigger pendingTrigger;

	private final AtomicLong reloadCounter = new AtomicLong();

	private final Generations generations;

	private final ReloadHistory history;

	private final ClassFingerprints fingerprints = new ClassFingerprints();

	private final ChangeClassifier classifier = new ChangeClassifier(this.fingerprints);

	private final HotSwapper hotSwapper = new HotSwapper();

	private final TierSelector tierSelector = new TierSelector(this.classifier, this.hotSwapper);

	private final BeanTier beanTier = new BeanTier();

	private volatile @Nullable Generation serving;

	private volatile boolean reloading;

	/** A restart failed: its changes are not served yet, so only a restart may follow. */
	private boolean restartOwed;

	private volatile boolean shutDown;

	private boolean foreignServerExplained;

	private final List<Runnable> shutdownActions = new ArrayList<>();

	private final List<GenerationListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * Create a coordinator.
	 * @param mainMethod the application's main method
	 * @param args the application's arguments
	 * @param classDirectories the class directories each generation loads
	 * @param properties the settings
	 */
	public ReloadCoordinator(MainMethod mainMethod, String[] args, ClassDirectories classDirectories,
			ReloadHookProperties properties) {
		Assert.notNull(mainMethod, "'mainMethod' must not be null");
		Assert.isTrue(!classDirectories.isEmpty(), "'classDirectories' must not be empty");
		this.classDirectories = classDirectories;
		this.mainClassFile = mainMethod.className().replace('.', '/') + ".class";
		this.baseClassLoader = ReloadCoordinator.class.getClassLoader();
		this.generations = new Generations(mainMethod, args, classDirectories, this.baseClassLoader);
		this.properties = properties;
		this.history = new ReloadHistory(properties.getHistory().getSize());
		// Not a daemon: it keeps the JVM up while no generation does (after a failed start,
		// or between the generations of a server that cannot outlive one), until the
		// application shuts down for good.
		this.executor = Executors
			.newSingleThreadExecutor((runnable) -> BaseContext.newThread("reload-hook", false, runnable));
	}

	/**
	 * Return the coordinator of this JVM.
	 * @return the coordinator, or {@code null} when reloading is not active
	 */
	public static @Nullable ReloadCoordinator instance() {
		return instance;
	}

	/**
	 * Make the given coordinator the one of this JVM without starting it, or forget it.
	 * Lets tests of the parts that look the coordinator up run without generations.
	 * @param coordinator the coordinator, or {@code null} for none
	 */
	static void activate(@Nullable ReloadCoordinator coordinator) {
		synchronized (ReloadCoordinator.class) {
			instance = coordinator;
		}
	}

	/**
	 * Make this the coordinator of this JVM and start the first generation.
	 */
	public void start() {
		synchronized (ReloadCoordinator.class) {
			Assert.state(instance == null, "A reload coordinator is already running");
			instance = this;
		}
		LeakPrevention.initializeLibraryClasses(this.baseClassLoader);
		// Attaching an agent starts a helper process: never on the startup path.
		BaseContext.newThread("reload-hook-agent", true, () -> {
			this.hotSwapper.initialize();
			startDebugRelay();
		}).start();
		// Launched here rather than on the coordinator's (daemon) thread: the caller is
		// about to end, and the JVM must never be left with daemon threads only.
		Generation first = this.generations.launch();
		this.executor.execute(() -> reload(ReloadTrigger.startup(), first));
	}

	private void startDebugRelay() {
		DebugRelay relay = DebugRelayLauncher.launchIfWanted(this.properties.getDebug(),
				this.hotSwapper.instrumentation());
		if (relay != null) {
			this.hotSwapper.useDebuggerRedefiner(relay);
			onShutdown(relay::close);
		}
	}

	/**
	 * Ask for a reload. Returns at once; the reload runs on the coordinator's thread. A
	 * request made while a reload is waiting to run joins that reload.
	 * @param trigger what asks for it
	 */
	public void requestReload(ReloadTrigger trigger) {
		synchronized (this.monitor) {
			if (this.shutDown) {
				return;
			}
			if (this.pendingTrigger != null) {
				this.pendingTrigger = this.pendingTrigger.merge(trigger);
				return;
			}
			this.pendingTrigger = trigger;
		}
		this.executor.execute(this::reloadPending);
	}

	/**
	 * Register an action to run when the application shuts down for good.
	 * @param action the action
	 */
	public void onShutdown(Runnable action) {
		synchronized (this.shutdownActions) {
			this.shutdownActions.add(action);
		}
	}

	/**
	 * Add a listener for the end of generations; adding the same one again does nothing.
	 * @param listener the listener
	 */
	public void addGenerationListener(GenerationListener listener) {
		if (!this.listeners.contains(listener)) {
			this.listeners.add(listener);
		}
	}

	/**
	 * Called by source mode once it compiled the saved sources and applied the result to
	 * the class directories. A successful compilation reloads its class files (the trigger
	 * carries them, with the compile time); a failed one is a reload outcome of its own:
	 * nothing is reloaded and the serving generation stays.
	 * @param trigger the saved files' trigger: the class files written, the time since the
	 * first save and the compile time
	 * @param errors the errors, each as {@code file:line: message}; empty on success
	 */
	public void compiled(ReloadTrigger trigger, List<String> errors) {
		if (errors.isEmpty()) {
			requestReload(trigger);
			return;
		}
		this.executor.execute(() -> {
			ReloadInProgress reload = new ReloadInProgress(this.reloadCounter.incrementAndGet(), trigger);
			reload.tier(ReloadTier.NO_OP, "compilation failed", List.of());
			String summary = errors.size() + ((errors.size() == 1) ? " compilation error: " : " compilation errors, first: ")
					+ errors.get(0);
			record(reload.toRecord(servingGeneration(), ReloadOutcome.FAILURE, summary));
		});
	}

	private void reloadPending() {
		ReloadTrigger trigger;
		synchronized (this.monitor) {
			trigger = this.pendingTrigger;
			this.pendingTrigger = null;
		}
		if (trigger != null && !this.shutDown) {
			reload(trigger, null);
		}
	}

	private void reload(ReloadTrigger requested, @Nullable Generation launched) {
		this.reloading = true;
		boolean hotSwapRequested = requested.type() == ReloadTrigger.Type.MANUAL
				&& requested.requestedTier() == ReloadTier.HOTSWAP;
		// A hot swap asked for applies whatever class files differ from those running.
		ReloadTrigger trigger = hotSwapRequested
				? requested.withChanges(this.fingerprints.differences(this.classDirectories.paths())) : requested;
		ReloadInProgress reload = new ReloadInProgress(this.reloadCounter.incrementAndGet(), trigger);
		this.listeners.forEach((listener) -> listener.starting(reload.id(), trigger));
		try {
			if (launched == null && trigger.type() == ReloadTrigger.Type.FILES && !hasMainClass()) {
				// A build cleaned the class directories (mvn clean): a generation would fail
				// to start; the build's new class files are the next change.
				logger.info("The class directories no longer hold " + this.mainClassFile
						+ " (a clean build?): waiting for the build to write them again");
				return;
			}
			if (launched != null) {
				this.fingerprints.recordAll(this.classDirectories.paths());
			}
			long classifyStart = System.nanoTime();
			Generation current = this.serving;
			TierSelector.Selection selection = this.tierSelector.select(trigger, current != null,
					this.restartOwed, this.properties);
			reload.tier(selection.tier(), selection.reason(), selection.classes());
			if (trigger.type() == ReloadTrigger.Type.FILES) {
				reload.phaseSince(ReloadPhase.CLASSIFY, classifyStart);
			}
			if (selection.tier() == ReloadTier.NO_OP) {
				record(reload.toRecord(servingGeneration(), ReloadOutcome.SUCCESS, null));
				return;
			}
			if (hotSwapRequested && selection.tier() != ReloadTier.HOTSWAP) {
				reload.tier(ReloadTier.NO_OP, "hot swap requested", selection.classes());
				record(reload.toRecord(servingGeneration(), ReloadOutcome.FAILURE,
						"cannot hot swap: " + selection.reason() + "; request a restart to apply it"));
				return;
			}
			if (current != null && launched == null && !hotSwapRequested
					&& trigger.type() == ReloadTrigger.Type.FILES && wantsBeanTier(current, selection)) {
				String refusal = replaceBeans(current, selection, reload);
				if (refusal == null) {
					return;
				}
				reload.tier(ReloadTier.RESTART, selection.reason() + "; not for the bean tier: " + refusal,
						selection.classes());
				selection = new TierSelector.Selection(ReloadTier.RESTART, refusal, selection.classes());
			}
			if (selection.tier() == ReloadTier.HOTSWAP && current != null) {
				String refusal = hotSwap(current, selection, reload);
				if (refusal == null) {
					return;
				}
				reload.tier(ReloadTier.RESTART, refusal, selection.classes());
			}
			restart(reload, launched);
		}
		finally {
			this.reloading = false;
		}
	}

	private boolean hasMainClass() {
		return this.classDirectories.paths()
			.stream()
			.anyMatch((directory) -> java.nio.file.Files.isRegularFile(directory.resolve(this.mainClassFile)));
	}

	/**
	 * Redefine the changed classes in the serving generation.
	 * @return {@code null} when done, or why the JVM refused (then a restart follows)
	 */
	private @Nullable String hotSwap(Generation current, TierSelector.Selection selection, ReloadInProgress reload) {
		RestartClassLoader classLoader = current.classLoader();
		if (classLoader == null) {
			return "the serving generation is closing";
		}
		long redefineStart = System.nanoTime();
		try {
			this.hotSwapper.redefine(classLoader, selection.classes());
		}
		catch (HotSwapper.HotSwapException ex) {
			logger.info("Hot swap refused, restarting instead: " + ex.getMessage());
			return "hot swap refused: " + ex.getMessage();
		}
		reload.phaseSince(ReloadPhase.REDEFINE, redefineStart);
		this.classifier.applied(reload.trigger().changes());
		record(reload.toRecord(current.id(), ReloadOutcome.SUCCESS, null));
		return null;
	}

	/**
	 * Whether to try the bean tier: for a structural change, or for a body change to a
	 * class the bean tier already replaced (hot swap would redefine the version no longer
	 * in use).
	 */
	private boolean wantsBeanTier(Generation current, TierSelector.Selection selection) {
		if (!this.properties.getBeanTier().isEnabled() || this.restartOwed) {
			return false;
		}
		return (selection.tier() == ReloadTier.RESTART && selection.structural())
				|| (selection.tier() == ReloadTier.HOTSWAP && current.replacedByBeanTier(selection.classNames()));
	}

	/**
	 * Apply the change set in the serving generation's context.
	 * @return {@code null} when done, or why not (then a restart follows)
	 */
	private @Nullable String replaceBeans(Generation current, TierSelector.Selection selection,
			ReloadInProgress reload) {
		ConfigurableApplicationContext context = current.context();
		ClassLoader parent = current.newestClassLoader();
		if (context == null || parent == null || !context.isActive()) {
			return "the serving generation is closing";
		}
		long replaceStart = System.nanoTime();
		BeanTier.Replacement replacement;
		try {
			replacement = this.beanTier.apply(reload.trigger().changes(), this.classDirectories.paths(), context,
					parent);
		}
		catch (NotReplaceableException ex) {
			logger.debug("Not for the bean tier: " + ex.getMessage(), ex);
			return ex.getMessage();
		}
		catch (RuntimeException | LinkageError ex) {
			// Whatever went wrong, a restart still applies the change set.
			logger.info("Bean tier failed, restarting instead: " + FailureSummary.of(ex));
			logger.debug("Bean tier failed", ex);
			return "bean tier failed: " + FailureSummary.of(ex);
		}
		current.beansReplaced(replacement.classLoader(), replacement.classNames());
		reload.tier(ReloadTier.BEAN, selection.reason() + "; replaced in place: " + String.join(", ", replacement.beans()),
				selection.classes());
		reload.phaseSince(ReloadPhase.REPLACE, replaceStart);
		this.classifier.applied(reload.trigger().changes());
		record(reload.toRecord(current.id(), ReloadOutcome.SUCCESS, null));
		return null;
	}

	private void restart(ReloadInProgress reload, @Nullable Generation launched) {
		Generation previous = this.serving;
		Generation next = launched;
		try {
			if (previous != null && previous.hasForeignServer()) {
				// Its server would hold the port the new generation needs: stop first.
				retire(previous, reload, 0);
				this.serving = null;
				previous = null;
			}
			if (next == null) {
				next = this.generations.launch();
			}
			ConfigurableApplicationContext context = awaitReady(next, previous);
			reload.phaseSince(ReloadPhase.REFRESH, next.launchedNanos());
			GenerationTraffic traffic = next.traffic();
			if (traffic != null) {
				reload.phase(ReloadPhase.SWITCH, traffic.switchTime());
			}
			else if (context.getEnvironment().containsProperty("local.server.port")) {
				next.usesForeignServer();
			}
			if (next.hasForeignServer() && !this.foreignServerExplained) {
				this.foreignServerExplained = true;
				logger.warn(ForeignServer.notice(context));
			}
			this.serving = next;
			this.restartOwed = false;
			this.classifier.applied(reload.trigger().changes());
			if (previous != null) {
				retire(previous, reload, next.id());
			}
			record(reload.toRecord(next.id(), ReloadOutcome.SUCCESS, null));
		}
		catch (Throwable failure) {
			if (next != null && next.isAbandoned()) {
				reload.phaseSince(ReloadPhase.REFRESH, next.launchedNanos());
				discardWhenStarted(next);
			}
			else if (next != null) {
				reload.phaseSince(ReloadPhase.REFRESH, next.launchedNanos());
				discard(next);
			}
			this.restartOwed = true;
			record(reload.toRecord((next != null) ? next.id() : 0, ReloadOutcome.FAILURE, FailureSummary.of(failure)));
			logger.debug("Generation failed to start", failure);
		}
	}

	/**
	 * Wait for a new generation to start, at most the start timeout while a previous one
	 * serves: one whose start hangs is abandoned, and the previous generation keeps
	 * serving. Without one (the first start, a server that cannot outlive a generation),
	 * abandoning would gain nothing.
	 */
	private ConfigurableApplicationContext awaitReady(Generation next, @Nullable Generation previous)
			throws Throwable {
		if (previous == null) {
			return next.awaitReady();
		}
		Duration timeout = this.properties.getRestart().getStartTimeout();
		try {
			return next.awaitReady(timeout);
		}
		catch (TimeoutException ex) {
			next.abandon();
			throw new IllegalStateException("it did not start within " + timeout.toMillis()
					+ " ms (reload-hook.restart.start-timeout): abandoned, closed once its start returns");
		}
	}

	/**
	 * Close an abandoned generation once its start returns, on a thread of its own: it may
	 * never return.
	 */
	private void discardWhenStarted(Generation abandoned) {
		BaseContext.newThread("reload-hook-abandoned-" + abandoned.id(), true, () -> {
			try {
				abandoned.awaitReady();
			}
			catch (Throwable ex) {
				// failed late: closed all the same
			}
			discard(abandoned);
			logger.info("Abandoned generation " + abandoned.id() + " is closed");
		}).start();
	}

	/**
	 * Return whether a generation was abandoned because it took too long to start: its
	 * server must never serve it.
	 * @param generation the generation number
	 * @return whether it was abandoned
	 */
	public boolean isAbandoned(int generation) {
		boolean[] abandoned = { false };
		this.generations.with(generation, (candidate) -> abandoned[0] = candidate.isAbandoned());
		return abandoned[0];
	}

	/**
	 * Drain and close a replaced generation.
	 * @param replacement the generation replacing it, {@code 0} when it is stopped first
	 */
	private void retire(Generation previous, ReloadInProgress reload, int replacement) throws InterruptedException {
		previous.retire();
		ConfigurableApplicationContext retiring = previous.context();
		if (retiring != null) {
			ReloadRecord sofar = reload.toRecord(replacement, ReloadOutcome.SUCCESS, null);
			this.listeners.forEach((listener) -> listener.retiring(retiring, sofar));
		}
		GenerationTraffic traffic = previous.traffic();
		if (traffic != null) {
			long drainStart = System.nanoTime();
			reload.held(traffic.inFlight());
			Duration timeout = this.properties.getRestart().getDrainTimeout();
			if (!traffic.awaitIdle(timeout)) {
				logger.warn("Generation " + previous.id() + " still had " + traffic.inFlight()
						+ " requests running after " + timeout.toMillis() + " ms: closing it anyway");
			}
			reload.phaseSince(ReloadPhase.DRAIN, drainStart);
		}
		long closeStart = System.nanoTime();
		close(previous);
		reload.phaseSince(ReloadPhase.CLOSE, closeStart);
	}

	/**
	 * Close a replaced generation, waiting at most the close timeout: a destroy method
	 * that never returns must not stop every later reload. The close carries on.
	 */
	private void close(Generation previous) throws InterruptedException {
		java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
		BaseContext.newThread("reload-hook-close-" + previous.id(), true, () -> {
			try {
				this.generations.close(previous, this.hotSwapper.instrumentationIfReady());
				this.listeners.forEach((listener) -> listener.closed(previous.id()));
			}
			finally {
				closed.countDown();
			}
		}).start();
		Duration timeout = this.properties.getRestart().getCloseTimeout();
		if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			logger.warn("Generation " + previous.id() + " did not close within " + timeout.toMillis()
					+ " ms (a destroy method that does not return?); it keeps closing in the background, "
					+ "reloads carry on");
		}
	}

	private void discard(Generation generation) {
		generation.retire();
		this.generations.close(generation, this.hotSwapper.instrumentationIfReady());
		this.listeners.forEach((listener) -> listener.discarded(generation.id()));
	}

	private void record(ReloadRecord record) {
		this.history.add(record);
		Generation current = this.serving;
		ConfigurableApplicationContext context = (current != null) ? current.context() : null;
		if (record.trigger().type() != ReloadTrigger.Type.STARTUP) {
			this.listeners.forEach((listener) -> listener.reloaded(record, context));
		}
		String line = ReloadLogLine.of(record, servingGeneration());
		if (record.outcome() == ReloadOutcome.SUCCESS) {
			logger.info(line);
		}
		else {
			logger.error(line);
		}
	}

	// Callbacks from the generations themselves

	/**
	 * Called when a generation's application context has been created.
	 * @param generation the generation number
	 * @param context its context
	 */
	public void prepared(int generation, ConfigurableApplicationContext context) {
		this.generations.with(generation, (candidate) -> candidate.prepared(context));
	}

	/**
	 * Called when a generation's application is ready.
	 * @param generation the generation number
	 * @param context its context
	 */
	public void ready(int generation, ConfigurableApplicationContext context) {
		this.generations.with(generation, (candidate) -> candidate.ready(context));
	}

	/**
	 * Called when a generation's application failed to start.
	 * @param generation the generation number
	 * @param failure why
	 */
	public void failed(int generation, Throwable failure) {
		this.generations.with(generation, (candidate) -> candidate.failed(failure));
	}

	/**
	 * Called by the server side when a generation starts serving.
	 * @param generation the generation number
	 * @param traffic its traffic
	 */
	public void serving(int generation, GenerationTraffic traffic) {
		this.generations.with(generation, (candidate) -> candidate.serving(traffic));
	}

	/**
	 * Called when an application context closes. When it is the serving generation's and
	 * the coordinator did not close it, the application is shutting down for good.
	 * @param context the closed context
	 */
	public void closed(ApplicationContext context) {
		Generation current = this.serving;
		if (current != null && current.context() == context && !current.isRetiring()) {
			shutdown();
		}
	}

	/**
	 * Return whether the application is shutting down for good (not for a reload).
	 * @return whether it is shut down
	 */
	public boolean isShutDown() {
		return this.shutDown;
	}

	private void shutdown() {
		synchronized (this.monitor) {
			this.shutDown = true;
			this.pendingTrigger = null;
		}
		this.executor.shutdownNow();
		synchronized (this.shutdownActions) {
			this.shutdownActions.forEach(Runnable::run);
		}
	}

	// State for observers

	/**
	 * Return the generation serving now.
	 * @return the generation number, {@code 0} before the first one is ready
	 */
	public int servingGeneration() {
		Generation current = this.serving;
		return (current != null) ? current.id() : 0;
	}

	/**
	 * Return whether a reload is running.
	 * @return whether a reload is running
	 */
	public boolean isReloading() {
		return this.reloading;
	}

	/**
	 * Return how many generations' class loaders are still reachable: the open ones and
	 * the closed ones not yet garbage collected.
	 * @return the live generation count
	 */
	public int liveGenerations() {
		return this.generations.liveCount();
	}

	/**
	 * Return the state of every live generation, oldest first: the open ones and the
	 * closed ones not yet garbage collected.
	 * @return the generation states
	 */
	public List<GenerationState> generations() {
		return this.generations.states(this.serving);
	}

	/**
	 * Return the closed generations not yet garbage collected.
	 * @return the closed generations
	 */
	public ClosedGenerations closedGenerations() {
		return this.generations.closed();
	}

	/**
	 * Return the application context of the serving generation.
	 * @return the context, or {@code null} while none serves
	 */
	public @Nullable ConfigurableApplicationContext servingContext() {
		Generation current = this.serving;
		return (current != null) ? current.context() : null;
	}

	/**
	 * Return the reload history.
	 * @return the history
	 */
	public ReloadHistory history() {
		return this.history;
	}

	/**
	 * Return the class directories each generation loads.
	 * @return the class directories
	 */
	public ClassDirectories classDirectories() {
		return this.classDirectories;
	}

	/**
	 * Apply the settings of a newly started generation.
	 * @param properties the settings
	 */
	public void updateProperties(ReloadHookProperties properties) {
		this.properties = properties;
		this.history.resize(properties.getHistory().getSize());
		this.listeners.forEach((listener) -> listener.configure(properties));
	}

	/**
	 * Return the registered generation listener of the given type, such as the snapshots
	 * or the leak detector.
	 * @param <T> the listener type
	 * @param type the listener type
	 * @return the listener, or {@code null} if none is registered
	 */
	public <T extends GenerationListener> @Nullable T generationListener(Class<T> type) {
		return this.listeners.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
	}

	/**
	 * Return the instrumentation if hot swap obtained one by now.
	 * @return the instrumentation, or {@code null}
	 */
	public java.lang.instrument.@Nullable Instrumentation instrumentation() {
		return this.hotSwapper.instrumentationIfReady();
	}

}
