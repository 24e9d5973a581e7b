package dev.reloadhook.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.classify.ClassFingerprints;
import dev.reloadhook.reload.restart.BaseContext;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.MainMethod;
import dev.reloadhook.watch.ChangedFile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * The reload state machine: runs reloads one at a time on a thread of its own, merges the
 * requests that arrive while one waits into it, chooses the tier for each and dispatches
 * to it, cheapest first (bean replacement, hot swap, then a generation restart), and
 * records the outcome. A restart that failed is owed: until one succeeds, only a restart
 * may follow.
 * <p>
 * The tiers, the generations and the history are collaborators passed in; the coordinator
 * only decides.
 *
 * @author reload-hook
 */
public final class ReloadCoordinator implements ReloadRequests, ShutdownSignal {

	private static final Log logger = LogFactory.getLog(ReloadCoordinator.class);

	private final Tiers tiers;

	private final TierSelector tierSelector;

	private final ChangeClassifier classifier;

	private final ClassFingerprints fingerprints;

	private final Serving serving;

	private final ReloadHistory history;

	private final GenerationListeners listeners;

	private final ReloadSettings settings;

	private final ClassDirectories classDirectories;

	private final String mainClassFile;

	private final ExecutorService executor;

	private final Object monitor = new Object();

	private @Nullable ReloadTrigger pendingTrigger;

	/** Changes seen while the build had removed the class files, on the coordinator's thread. */
	private @Nullable ReloadTrigger heldForBuild;

	/** Changes are held for the build; its wait was logged (once for each wait). */
	private volatile boolean waitingForBuild;

	private final AtomicLong reloadCounter = new AtomicLong();

	private volatile boolean reloading;

	/** A restart failed: its changes are not served yet, so only a restart may follow. */
	private boolean restartOwed;

	private volatile boolean shutDown;

	/**
	 * Create a coordinator.
	 * @param tiers the tiers it dispatches to
	 * @param tierSelector what chooses the tier from the changes
	 * @param classifier what tells how class files changed, and learns what was applied
	 * @param fingerprints the serving generation's class files (a requested hot swap
	 * applies whatever differs from them)
	 * @param serving which generation serves
	 * @param history where reloads are recorded
	 * @param listeners the listeners told about each reload
	 * @param settings the settings
	 * @param mainMethod the application's main method (a build that removed its class is
	 * waited for)
	 * @param classDirectories the class directories each generation loads
	 */
	public ReloadCoordinator(Tiers tiers, TierSelector tierSelector, ChangeClassifier classifier,
			ClassFingerprints fingerprints, Serving serving, ReloadHistory history, GenerationListeners listeners,
			ReloadSettings settings, MainMethod mainMethod, ClassDirectories classDirectories) {
		Assert.notNull(tiers, "'tiers' must not be null");
		Assert.notNull(mainMethod, "'mainMethod' must not be null");
		this.tiers = tiers;
		this.classifier = classifier;
		this.fingerprints = fingerprints;
		this.tierSelector = tierSelector;
		this.serving = serving;
		this.history = history;
		this.listeners = listeners;
		this.settings = settings;
		this.classDirectories = classDirectories;
		this.mainClassFile = mainMethod.className().replace('.', '/') + ".class";
		// Not a daemon: it keeps the JVM up while no generation does (after a failed start,
		// or between the generations of a server that cannot outlive one), until the
		// application shuts down for good.
		this.executor = Executors
			.newSingleThreadExecutor((runnable) -> BaseContext.newThread("reload-hook", false, runnable));
	}

	/**
	 * Run the start-up reload: the first generation's restart.
	 * @param launchedNanos when the first generation was launched ({@link System#nanoTime()}):
	 * the start-up counts from then, so that its refresh is part of its total
	 */
	public void start(long launchedNanos) {
		this.executor.execute(() -> reload(ReloadTrigger.startup(launchedNanos)));
	}

	/**
	 * Ask for a reload. Returns at once; the reload runs on the coordinator's thread. A
	 * request made while a reload is waiting to run joins that reload.
	 */
	@Override
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
			record(reload.toRecord(this.serving.servingGeneration(), ReloadOutcome.FAILURE, summary));
		});
	}

	/**
	 * Stop for good: the application is shutting down. Requests made from now on are
	 * ignored, and a reload waiting to run never runs.
	 */
	public void shutdown() {
		synchronized (this.monitor) {
			this.shutDown = true;
			this.pendingTrigger = null;
		}
		this.executor.shutdownNow();
	}

	@Override
	public boolean isShuttingDown() {
		return this.shutDown;
	}

	/**
	 * Return whether a reload is running.
	 * @return whether a reload is running
	 */
	public boolean isReloading() {
		return this.reloading;
	}

	/**
	 * Return whether changes are held until the build writes the main class again.
	 * @return whether changes wait for the build
	 */
	public boolean isWaitingForBuild() {
		return this.waitingForBuild;
	}

	private boolean hasPendingReload() {
		synchronized (this.monitor) {
			return this.pendingTrigger != null;
		}
	}

	private void reloadPending() {
		ReloadTrigger trigger;
		synchronized (this.monitor) {
			trigger = this.pendingTrigger;
			this.pendingTrigger = null;
		}
		if (trigger != null && !this.shutDown) {
			reload(trigger);
		}
	}

	private void reload(ReloadTrigger arrived) {
		ReloadTrigger requested = (this.heldForBuild != null) ? release(this.heldForBuild, arrived) : arrived;
		this.heldForBuild = null;
		if (requested.type() == ReloadTrigger.Type.FILES && !hasMainClass()) {
			// A build removed the class files (mvn clean, or a compiler that recompiles
			// the whole module): a generation would fail to start. The changes seen
			// meanwhile are kept for the reload that the build's last class files trigger;
			// a file written in between appears in no later change set.
			if (!this.waitingForBuild) {
				this.waitingForBuild = true;
				logger.info("The class directories no longer hold " + this.mainClassFile
						+ " (a clean build?): waiting for the build to write them again");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Changes held until the build writes " + this.mainClassFile + " again: "
						+ requested.files());
			}
			this.heldForBuild = requested;
			return;
		}
		this.waitingForBuild = false;
		this.reloading = true;
		boolean hotSwapRequested = requested.type() == ReloadTrigger.Type.MANUAL
				&& requested.requestedTier() == RequestedTier.HOTSWAP;
		// A hot swap asked for applies whatever class files differ from those running.
		ReloadTrigger trigger = hotSwapRequested
				? requested.withChanges(this.fingerprints.differences(this.classDirectories.paths())) : requested;
		ReloadInProgress reload = new ReloadInProgress(this.reloadCounter.incrementAndGet(), trigger);
		reload.followedWhen(this::hasPendingReload);
		this.listeners.each((listener) -> listener.starting(reload.id(), trigger));
		try {
			if (trigger.type() == ReloadTrigger.Type.STARTUP) {
				this.classifier.recordAll(this.classDirectories.paths());
			}
			dispatch(reload, hotSwapRequested);
		}
		finally {
			this.reloading = false;
		}
	}

	/**
	 * The changes held while the build had removed the main class, with those that
	 * arrived since. A class file the build removed then is either written again by now
	 * (a change of its content, compared as any other) or not yet: its new version is
	 * then a change of a later set, and restarting without it meanwhile would help nobody.
	 */
	private static ReloadTrigger release(ReloadTrigger held, ReloadTrigger arrived) {
		Set<Path> arrivedPaths = new HashSet<>();
		arrived.changes().forEach((file) -> arrivedPaths.add(file.path()));
		ReloadTrigger merged = held.merge(arrived);
		List<ChangedFile> changes = new ArrayList<>();
		for (ChangedFile file : merged.changes()) {
			if (file.kind() != ChangedFile.Kind.DELETED || arrivedPaths.contains(file.path())) {
				changes.add(file);
			}
			else if (Files.exists(file.path())) {
				changes.add(new ChangedFile(file.root(), file.path(), ChangedFile.Kind.MODIFIED));
			}
		}
		return merged.withChanges(List.copyOf(changes));
	}

	private void dispatch(ReloadInProgress reload, boolean hotSwapRequested) {
		ReloadTrigger trigger = reload.trigger();
		long classifyStart = System.nanoTime();
		TierSelection selection = this.tierSelector.select(trigger, this.serving.servingGeneration() != 0,
				this.restartOwed, this.settings.get());
		reload.tier(selection.tier(), selection.reason(), selection.classes());
		if (trigger.type() == ReloadTrigger.Type.FILES) {
			reload.phaseSince(ReloadPhase.CLASSIFY, classifyStart);
		}
		if (selection.tier() == ReloadTier.NO_OP) {
			record(reload.toRecord(this.serving.servingGeneration(), ReloadOutcome.SUCCESS, null));
			return;
		}
		if (hotSwapRequested && selection.tier() != ReloadTier.HOTSWAP) {
			reload.tier(ReloadTier.NO_OP, "hot swap requested", selection.classes());
			record(reload.toRecord(this.serving.servingGeneration(), ReloadOutcome.FAILURE,
					"cannot hot swap: " + selection.reason() + "; request a restart to apply it"));
			return;
		}
		if (!hotSwapRequested && !this.restartOwed && trigger.type() == ReloadTrigger.Type.FILES
				&& this.tiers.beans().wants(selection)) {
			TierResult result = this.tiers.beans().apply(reload, selection);
			if (result instanceof TierResult.NotApplicable refused) {
				reload.tier(ReloadTier.RESTART, selection.reason() + "; not for the bean tier: " + refused.reason(),
						selection.classes());
				selection = new TierSelection(ReloadTier.RESTART, refused.reason(), selection.classes(), false,
						selection.files());
			}
			else {
				finish(reload, result);
				return;
			}
		}
		if (selection.tier() == ReloadTier.HOTSWAP) {
			TierResult result = this.tiers.hotSwap().apply(reload, selection);
			if (!(result instanceof TierResult.NotApplicable refused)) {
				finish(reload, result);
				return;
			}
			reload.tier(ReloadTier.RESTART, refused.reason(), selection.classes());
		}
		TierResult restarted = this.tiers.restart().apply(reload, selection);
		this.restartOwed = restarted instanceof TierResult.Failed;
		// The restart tier learns its class files itself, as soon as the new generation
		// serves: reading them again after the old one closed could read a newer change.
		finish(reload, restarted, false);
	}

	private void finish(ReloadInProgress reload, TierResult result) {
		finish(reload, result, true);
	}

	private void finish(ReloadInProgress reload, TierResult result, boolean learnApplied) {
		if (result instanceof TierResult.Applied applied) {
			if (learnApplied) {
				this.classifier.applied(reload.trigger().changes());
			}
			record(reload.toRecord(applied.generation(), ReloadOutcome.SUCCESS, null));
		}
		else if (result instanceof TierResult.Failed failed) {
			record(reload.toRecord(failed.generation(), ReloadOutcome.FAILURE, failed.summary()));
		}
		else if (result instanceof TierResult.NotApplicable notApplicable) {
			record(reload.toRecord(this.serving.servingGeneration(), ReloadOutcome.FAILURE, notApplicable.reason()));
		}
	}

	private boolean hasMainClass() {
		return this.classDirectories.paths()
			.stream()
			.anyMatch((directory) -> Files.isRegularFile(directory.resolve(this.mainClassFile)));
	}

	private void record(ReloadRecord record) {
		this.history.add(record);
		ConfigurableApplicationContext context = this.serving.servingContext();
		if (record.trigger().type() != ReloadTrigger.Type.STARTUP) {
			this.listeners.each((listener) -> listener.reloaded(record, context));
		}
		String line = ReloadLogLine.of(record, this.serving.servingGeneration());
		if (record.outcome() == ReloadOutcome.SUCCESS) {
			logger.info(line);
		}
		else {
			logger.error(line);
		}
	}

	/**
	 * The tiers the coordinator dispatches to.
	 *
	 * @param beans the bean tier, tried first for the changes it {@link Tier#wants wants}
	 * @param hotSwap the hot swap tier, for changes to method bodies
	 * @param restart the generation restart, for everything else and whatever the others
	 * could not apply
	 */
	public record Tiers(Tier beans, Tier hotSwap, Tier restart) {
	}

}
