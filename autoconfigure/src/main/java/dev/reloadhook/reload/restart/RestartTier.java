package dev.reloadhook.reload.restart;

import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.reloadhook.classify.ChangeClassifier;
import dev.reloadhook.reload.FailureSummary;
import dev.reloadhook.reload.GenerationListeners;
import dev.reloadhook.reload.GenerationTraffic;
import dev.reloadhook.reload.ReloadInProgress;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadPhase;
import dev.reloadhook.reload.ReloadRecord;
import dev.reloadhook.reload.ReloadSettings;
import dev.reloadhook.reload.Tier;
import dev.reloadhook.reload.TierResult;
import dev.reloadhook.reload.TierSelection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generation restart: starts a new generation beside the serving one, lets the
 * server switch to it, then drains and closes the old one. A generation that fails to
 * start (or takes longer than the start timeout) is discarded and the serving one stays.
 *
 * @author reload-hook
 */
public final class RestartTier implements Tier {

	private static final Log logger = LogFactory.getLog(RestartTier.class);

	private final GenerationLifecycle lifecycle;

	private final ReloadSettings settings;

	private final GenerationListeners listeners;

	private final Supplier<@Nullable Instrumentation> instrumentation;

	private final ChangeClassifier classifier;

	private @Nullable Generation launched;

	private boolean foreignServerExplained;

	/**
	 * Create the restart tier.
	 * @param lifecycle the generations and which one serves
	 * @param settings the settings (start, drain and close timeouts)
	 * @param listeners the listeners told when a generation retires, closes or is
	 * discarded
	 * @param instrumentation the instrumentation if hot swap obtained one by now (it
	 * helps to release a closed generation)
	 * @param classifier learns the applied class files as soon as the new generation serves
	 */
	public RestartTier(GenerationLifecycle lifecycle, ReloadSettings settings, GenerationListeners listeners,
			Supplier<@Nullable Instrumentation> instrumentation, ChangeClassifier classifier) {
		this.lifecycle = lifecycle;
		this.settings = settings;
		this.listeners = listeners;
		this.instrumentation = instrumentation;
		this.classifier = classifier;
	}

	/**
	 * Launch the first generation now, on the caller's thread: the next restart waits
	 * for it rather than launching one.
	 */
	public void launchFirst() {
		this.launched = this.lifecycle.launch();
	}

	@Override
	public TierResult apply(ReloadInProgress reload, TierSelection selection) {
		Generation previous = this.lifecycle.current();
		Generation next = this.launched;
		this.launched = null;
		try {
			if (previous != null && previous.hasForeignServer()) {
				// Its server would hold the port the new generation needs: stop first.
				retire(previous, reload, 0);
				this.lifecycle.serve(null);
				previous = null;
			}
			if (next == null) {
				next = this.lifecycle.launch();
			}
			ConfigurableApplicationContext context = awaitReady(next, previous);
			reload.phaseSince(ReloadPhase.REFRESH, next.launchedNanos());
			next.refreshParts().forEach(reload::phase);
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
			this.lifecycle.serve(next);
			// Learnt now, before draining and closing the old one: a change written
			// meanwhile must still look like a change to the next reload.
			this.classifier.applied(reload.trigger().changes());
			if (previous != null) {
				retire(previous, reload, next.id());
			}
			return TierResult.applied(next.id());
		}
		catch (Throwable failure) {
			if (next != null) {
				reload.phaseSince(ReloadPhase.REFRESH, next.launchedNanos());
				if (next.isAbandoned()) {
					discardWhenStarted(next);
				}
				else {
					discard(next);
				}
			}
			logger.debug("Generation failed to start", failure);
			return TierResult.failed((next != null) ? next.id() : 0, FailureSummary.of(failure));
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
		Duration timeout = this.settings.get().getRestart().getStartTimeout();
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
				logger.debug("Abandoned generation " + abandoned.id() + " failed late; closing it all the same", ex);
			}
			discard(abandoned);
			logger.info("Abandoned generation " + abandoned.id() + " is closed");
		}).start();
	}

	/**
	 * Drain and close a replaced generation. When another reload waits meanwhile (a change
	 * saved while a long poll holds the old generation), the rest of the drain and the
	 * close go on in the background: the old generation's requests still finish there,
	 * and the next change is not held up by them.
	 * @param replacement the generation replacing it, {@code 0} when it is stopped first
	 */
	private void retire(Generation previous, ReloadInProgress reload, int replacement) throws InterruptedException {
		previous.retire();
		ConfigurableApplicationContext retiring = previous.context();
		if (retiring != null) {
			ReloadRecord sofar = reload.toRecord(replacement, ReloadOutcome.SUCCESS, null);
			this.listeners.each((listener) -> listener.retiring(retiring, sofar));
		}
		GenerationTraffic traffic = previous.traffic();
		if (traffic != null) {
			long drainStart = System.nanoTime();
			reload.held(traffic.inFlight());
			Duration timeout = this.settings.get().getRestart().getDrainTimeout();
			Drain drain = new Drain(traffic, timeout);
			// Stopped first, the old generation holds the port the new one needs: no
			// reload may overtake its drain.
			Drain.Outcome outcome = drain.await((replacement != 0) ? reload::isFollowed : () -> false);
			reload.phaseSince(ReloadPhase.DRAIN, drainStart);
			if (outcome == Drain.Outcome.FOLLOWED) {
				retireInBackground(previous, drain, timeout);
				return;
			}
			if (outcome == Drain.Outcome.TIMED_OUT) {
				warnClosingBusy(previous, drain, timeout);
			}
		}
		long closeStart = System.nanoTime();
		close(previous);
		reload.phaseSince(ReloadPhase.CLOSE, closeStart);
	}

	private void retireInBackground(Generation previous, Drain drain, Duration timeout) {
		logger.info("Generation " + previous.id() + " still serves " + drain.inFlight()
				+ ": the next change goes ahead, and generation " + previous.id()
				+ " closes once its requests are answered (at most reload-hook.restart.drain-timeout, "
				+ timeout.toMillis() + " ms)");
		BaseContext.newThread("reload-hook-drain-" + previous.id(), true, () -> {
			try {
				if (!drain.awaitRest()) {
					warnClosingBusy(previous, drain, timeout);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeNow(previous);
			}
		}).start();
	}

	private static void warnClosingBusy(Generation previous, Drain drain, Duration timeout) {
		logger.warn("Generation " + previous.id() + " still had " + drain.inFlight() + " running after "
				+ timeout.toMillis() + " ms: closing it anyway");
	}

	/**
	 * Close a replaced generation, waiting at most the close timeout: a destroy method
	 * that never returns must not stop every later reload. The close carries on.
	 */
	private void close(Generation previous) throws InterruptedException {
		CountDownLatch closed = new CountDownLatch(1);
		BaseContext.newThread("reload-hook-close-" + previous.id(), true, () -> {
			try {
				closeNow(previous);
			}
			finally {
				closed.countDown();
			}
		}).start();
		Duration timeout = this.settings.get().getRestart().getCloseTimeout();
		if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			logger.warn("Generation " + previous.id() + " did not close within " + timeout.toMillis()
					+ " ms (a destroy method that does not return?); it keeps closing in the background, "
					+ "reloads carry on");
		}
	}

	private void closeNow(Generation previous) {
		this.lifecycle.close(previous, this.instrumentation.get());
		this.listeners.each((listener) -> listener.closed(previous.id()));
	}

	private void discard(Generation generation) {
		generation.retire();
		this.lifecycle.close(generation, this.instrumentation.get());
		this.listeners.each((listener) -> listener.discarded(generation.id()));
	}

}
