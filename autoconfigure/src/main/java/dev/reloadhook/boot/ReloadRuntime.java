package dev.reloadhook.boot;

import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.classify.ClassFingerprints;
import dev.reloadhook.classify.ResourceFingerprints;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.debug.DebugRelay;
import dev.reloadhook.debug.DebugRelayLauncher;
import dev.reloadhook.event.ReloadEventPublisher;
import dev.reloadhook.observe.leak.LeakDetector;
import dev.reloadhook.observe.snapshot.Snapshots;
import dev.reloadhook.reload.GenerationListeners;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.reload.ReloadHistory;
import dev.reloadhook.reload.ReloadSettings;
import dev.reloadhook.reload.ReloadState;
import dev.reloadhook.reload.TierSelector;
import dev.reloadhook.reload.bean.BeanReplacementTier;
import dev.reloadhook.reload.cleanup.LeakPrevention;
import dev.reloadhook.reload.hotswap.HotSwapTier;
import dev.reloadhook.reload.hotswap.HotSwapper;
import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.GenerationLifecycle;
import dev.reloadhook.reload.restart.Generations;
import dev.reloadhook.reload.restart.MainMethod;
import dev.reloadhook.reload.restart.RestartTier;
import dev.reloadhook.reload.warm.WarmStart;
import dev.reloadhook.retain.RetainedMBeans;
import dev.reloadhook.retain.RetainedResources;
import dev.reloadhook.retain.session.HandedOverWebSessions;
import dev.reloadhook.retain.RetentionInitializer;
import dev.reloadhook.serve.SharedServerSlot;
import dev.reloadhook.serve.StartingGeneration;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.util.Assert;

/**
 * The composition root: builds the parts that outlive generations (the coordinator and
 * its tiers, the generations, the history, retained resources, the observers) once per
 * JVM and hands each the narrow view it needs. It is the one static holder: the boot
 * listener and the per-generation auto-configuration read it through {@link #current()};
 * nothing below them looks anything up.
 * <p>
 * Loaded by the base class loader, so it outlives every generation.
 *
 * @author reload-hook
 */
public final class ReloadRuntime {

	private static volatile @Nullable ReloadRuntime current;

	private final ClassLoader baseClassLoader = ReloadRuntime.class.getClassLoader();

	private final ReloadSettings settings;

	private final ReloadHistory history;

	private final GenerationListeners listeners = new GenerationListeners();

	private final HotSwapper hotSwapper = new HotSwapper();

	private final GenerationLifecycle lifecycle;

	private final RestartTier restartTier;

	private final ReloadCoordinator coordinator;

	private final ReloadState state;

	private final RetainedResources retainedResources = new RetainedResources();

	private final HandedOverWebSessions webSessions = new HandedOverWebSessions();

	private final RetentionInitializer retention;

	private final WarmStart warmStart = new WarmStart(this.baseClassLoader);

	private final ReloadEventPublisher events = new ReloadEventPublisher();

	private final Snapshots snapshots;

	private final LeakDetector leaks;

	private final SharedServerSlot applicationServer = new SharedServerSlot("http");

	private final SharedServerSlot managementServer = new SharedServerSlot("management");

	private final List<Runnable> shutdownActions = new ArrayList<>();

	/**
	 * Build the runtime without starting anything.
	 * @param mainMethod the application's main method
	 * @param args the application's arguments
	 * @param classDirectories the class directories each generation loads
	 * @param properties the settings bound at start
	 */
	public ReloadRuntime(MainMethod mainMethod, String[] args, ClassDirectories classDirectories,
			ReloadHookProperties properties) {
		Assert.notNull(mainMethod, "'mainMethod' must not be null");
		Assert.isTrue(!classDirectories.isEmpty(), "'classDirectories' must not be empty");
		this.settings = new ReloadSettings(properties);
		this.history = new ReloadHistory(properties.getHistory().getSize());
		this.lifecycle = new GenerationLifecycle(
				new Generations(mainMethod, args, classDirectories, this.baseClassLoader,
						this.warmStart::missingClasses));
		ClassFingerprints fingerprints = new ClassFingerprints();
		// Excluded files never reach the classifier: no need to read them.
		ChangeClassifier classifier = new ChangeClassifier(fingerprints,
				new ResourceFingerprints(WatchExcludes.of(properties)));
		this.restartTier = new RestartTier(this.lifecycle, this.settings, this.listeners,
				this.hotSwapper::instrumentationIfReady, classifier);
		BeanReplacementTier beanTier = new BeanReplacementTier(this.lifecycle, this.settings,
				classDirectories.paths(), this.hotSwapper);
		ReloadCoordinator.Tiers tiers = new ReloadCoordinator.Tiers(beanTier,
				new HotSwapTier(this.lifecycle, this.hotSwapper), this.restartTier);
		this.coordinator = new ReloadCoordinator(tiers, new TierSelector(classifier, this.hotSwapper), classifier,
				fingerprints, this.lifecycle, this.history, this.listeners, this.settings, mainMethod,
				classDirectories);
		this.state = new ReloadState(this.lifecycle, this.history, classDirectories, this.listeners,
				this.coordinator::isReloading, this.coordinator::isWaitingForBuild,
				this.hotSwapper::instrumentationIfReady);
		this.retention = new RetentionInitializer(this.retainedResources, this.coordinator);
		this.snapshots = new Snapshots(this.state, this.retainedResources, properties.getSnapshots().getSize(),
				properties.getSnapshots().isAutomatic());
		this.leaks = new LeakDetector(this.state, LeakDetector.Settings.of(properties));
		this.leaks.onSuspect((suspect) -> this.events.leakSuspected(suspect, this.state.servingContext()));
		onShutdown(this.leaks::close);
		this.listeners.add(this.events);
		this.listeners.add(this.snapshots);
		this.listeners.add(this.leaks);
		this.listeners.add(new ConditionEvaluationDelta());
		this.listeners.add(this.retainedResources);
		this.listeners.add(new RetainedMBeans(this.lifecycle));
		this.listeners.add(beanTier);
	}

	/**
	 * Return the runtime of this JVM.
	 * @return the runtime, or {@code null} when reloading is not active
	 */
	public static @Nullable ReloadRuntime current() {
		return current;
	}

	/**
	 * Make the given runtime the one of this JVM without starting it, or forget it. Lets
	 * tests of the auto-configuration run without generations.
	 * @param runtime the runtime, or {@code null} for none
	 */
	static void activate(@Nullable ReloadRuntime runtime) {
		synchronized (ReloadRuntime.class) {
			current = runtime;
		}
	}

	/**
	 * Make this the runtime of this JVM and start the first generation.
	 */
	public void start() {
		synchronized (ReloadRuntime.class) {
			Assert.state(current == null, "A reload coordinator is already running");
			current = this;
		}
		LeakPrevention.initializeLibraryClasses(this.baseClassLoader);
		// Attaching an agent starts a helper process: never on the startup path.
		BaseContext.newThread("reload-hook-agent", true, () -> {
			this.hotSwapper.initialize();
			startDebugRelay();
		}).start();
		// Launched here rather than on the coordinator's (daemon) thread: the caller is
		// about to end, and the JVM must never be left with daemon threads only.
		long launched = System.nanoTime();
		this.restartTier.launchFirst();
		this.coordinator.start(launched);
	}

	private void startDebugRelay() {
		DebugRelay relay = DebugRelayLauncher.launchIfWanted(this.settings.get().getDebug(),
				this.hotSwapper.instrumentation());
		if (relay != null) {
			this.hotSwapper.useDebuggerRedefiner(relay);
			onShutdown(relay::close);
		}
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
	 * Called when an application context closes. When it is the serving generation's and
	 * no reload closed it, the application is shutting down for good.
	 * @param context the closed context
	 */
	void closed(ApplicationContext context) {
		if (this.lifecycle.endsApplication(context)) {
			this.coordinator.shutdown();
			synchronized (this.shutdownActions) {
				this.shutdownActions.forEach(Runnable::run);
			}
		}
	}

	/**
	 * Apply the settings of a newly started generation.
	 * @param properties the settings
	 */
	void updateProperties(ReloadHookProperties properties) {
		this.settings.set(properties);
		this.history.resize(properties.getHistory().getSize());
		this.listeners.each((listener) -> listener.configure(properties));
	}

	/**
	 * Return the generation a web server is being started for.
	 * @param generation the generation number
	 * @return the starting generation, with what its server tells and asks
	 */
	public StartingGeneration startingGeneration(int generation) {
		return new StartingGeneration(this.lifecycle, this.coordinator, this.applicationServer, this.managementServer,
				generation, StartingGeneration.Server.APPLICATION);
	}

	/**
	 * Return the coordinator, to ask for reloads.
	 * @return the coordinator
	 */
	public ReloadCoordinator coordinator() {
		return this.coordinator;
	}

	/**
	 * Return what observers read.
	 * @return the state
	 */
	public ReloadState state() {
		return this.state;
	}

	/**
	 * Return the generations and which one serves.
	 * @return the lifecycle
	 */
	GenerationLifecycle lifecycle() {
		return this.lifecycle;
	}

	/**
	 * Return how each generation's context is set up for retention.
	 * @return the retention initializer
	 */
	RetentionInitializer retention() {
		return this.retention;
	}

	/**
	 * Return how each generation's context is set up to reuse what earlier ones derived
	 * from the libraries.
	 * @return the warm start
	 */
	WarmStart warmStart() {
		return this.warmStart;
	}

	/**
	 * Return the resources that outlive generations.
	 * @return the retained resources
	 */
	public RetainedResources retainedResources() {
		return this.retainedResources;
	}

	/**
	 * Return the WebFlux sessions kept across generations.
	 * @return the sessions
	 */
	public HandedOverWebSessions webSessions() {
		return this.webSessions;
	}

	/**
	 * Return the snapshots taken around reloads.
	 * @return the snapshots
	 */
	public Snapshots snapshots() {
		return this.snapshots;
	}

	/**
	 * Return the leak detector.
	 * @return the leak detector
	 */
	public LeakDetector leaks() {
		return this.leaks;
	}

}
