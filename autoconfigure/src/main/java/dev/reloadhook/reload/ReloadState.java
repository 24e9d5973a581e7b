package dev.reloadhook.reload;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.ClosedGenerations;
import dev.reloadhook.reload.restart.GenerationLifecycle;
import dev.reloadhook.reload.restart.GenerationState;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What observers (the endpoint, meters, snapshots, the leak detector) read about reloads
 * and generations; it changes nothing.
 *
 * @author reload-hook
 */
public final class ReloadState implements ReloadStatus {

	private final GenerationLifecycle lifecycle;

	private final ReloadHistory history;

	private final ClassDirectories classDirectories;

	private final GenerationListeners listeners;

	private final BooleanSupplier reloading;

	private final BooleanSupplier waitingForBuild;

	private final Supplier<@Nullable Instrumentation> instrumentation;

	/**
	 * Create the state.
	 * @param lifecycle the generations and which one serves
	 * @param history the reload history
	 * @param classDirectories the class directories each generation loads
	 * @param listeners the generation listeners
	 * @param reloading whether a reload is running
	 * @param waitingForBuild whether changes wait for a build to write the class files
	 * @param instrumentation the instrumentation if hot swap obtained one by now
	 */
	public ReloadState(GenerationLifecycle lifecycle, ReloadHistory history, ClassDirectories classDirectories,
			GenerationListeners listeners, BooleanSupplier reloading, BooleanSupplier waitingForBuild,
			Supplier<@Nullable Instrumentation> instrumentation) {
		this.lifecycle = lifecycle;
		this.history = history;
		this.classDirectories = classDirectories;
		this.listeners = listeners;
		this.reloading = reloading;
		this.waitingForBuild = waitingForBuild;
		this.instrumentation = instrumentation;
	}

	/**
	 * Return the generation serving now.
	 * @return the generation number, {@code 0} before the first one is ready
	 */
	@Override
	public int servingGeneration() {
		return this.lifecycle.servingGeneration();
	}

	/**
	 * Return whether a reload is running.
	 * @return whether a reload is running
	 */
	@Override
	public boolean isReloading() {
		return this.reloading.getAsBoolean();
	}

	@Override
	public boolean isWaitingForBuild() {
		return this.waitingForBuild.getAsBoolean();
	}

	/**
	 * Return how many generations' class loaders are still reachable: the open ones and
	 * the closed ones not yet garbage collected.
	 * @return the live generation count
	 */
	@Override
	public int liveGenerations() {
		return this.lifecycle.liveCount();
	}

	/**
	 * Return the state of every live generation, oldest first: the open ones and the
	 * closed ones not yet garbage collected.
	 * @return the generation states
	 */
	@Override
	public List<GenerationState> generations() {
		return this.lifecycle.states();
	}

	/**
	 * Return the closed generations not yet garbage collected.
	 * @return the closed generations
	 */
	public ClosedGenerations closedGenerations() {
		return this.lifecycle.closed();
	}

	/**
	 * Return the application context of the serving generation.
	 * @return the context, or {@code null} while none serves
	 */
	public @Nullable ConfigurableApplicationContext servingContext() {
		return this.lifecycle.servingContext();
	}

	/**
	 * Return the reload history.
	 * @return the history
	 */
	@Override
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
	 * Return the registered generation listener of the given type, such as the snapshots
	 * or the leak detector.
	 * @param <T> the listener type
	 * @param type the listener type
	 * @return the listener, or {@code null} if none is registered
	 */
	public <T extends GenerationListener> @Nullable T generationListener(Class<T> type) {
		return this.listeners.find(type);
	}

	/**
	 * Return the instrumentation if hot swap obtained one by now.
	 * @return the instrumentation, or {@code null}
	 */
	public @Nullable Instrumentation instrumentation() {
		return this.instrumentation.get();
	}

}
