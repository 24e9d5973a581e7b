package dev.reloadhook.reload.restart;

import java.lang.instrument.Instrumentation;
import java.util.List;

import dev.reloadhook.reload.GenerationTraffic;
import dev.reloadhook.reload.Serving;
import dev.reloadhook.reload.TrafficSwitch;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generations of the JVM and which one serves: launches them, hears from each as it
 * starts (its context prepared, ready or failed, its server serving) and closes them.
 *
 * @author reload-hook
 */
public final class GenerationLifecycle implements Serving, TrafficSwitch {

	private final Generations generations;

	private volatile @Nullable Generation serving;

	/**
	 * Create the lifecycle of the given generations.
	 * @param generations the generations
	 */
	public GenerationLifecycle(Generations generations) {
		this.generations = generations;
	}

	/**
	 * Start the next generation.
	 * @return the generation
	 */
	public Generation launch() {
		return this.generations.launch();
	}

	/**
	 * Return the generation serving now.
	 * @return the generation, or {@code null} while none serves
	 */
	public @Nullable Generation current() {
		return this.serving;
	}

	/**
	 * Make a generation the serving one.
	 * @param generation the generation, or {@code null} when none serves
	 */
	void serve(@Nullable Generation generation) {
		this.serving = generation;
	}

	/**
	 * Close a generation.
	 * @param generation the generation
	 * @param instrumentation the instrumentation, if hot swap obtained one by now
	 */
	void close(Generation generation, @Nullable Instrumentation instrumentation) {
		this.generations.close(generation, instrumentation);
	}

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

	@Override
	public void serving(int generation, GenerationTraffic traffic) {
		this.generations.with(generation, (candidate) -> candidate.serving(traffic));
	}

	@Override
	public void switchWhenReady(int generation, Runnable activation) {
		Generation serving = this.serving;
		if (serving == null || serving.id() == generation) {
			activation.run();
			return;
		}
		this.generations.with(generation, (candidate) -> candidate.switchWhenReady(activation));
	}

	@Override
	public boolean isAbandoned(int generation) {
		boolean[] abandoned = { false };
		this.generations.with(generation, (candidate) -> abandoned[0] = candidate.isAbandoned());
		return abandoned[0];
	}

	/**
	 * Return whether a closed context was the serving generation's, closed by someone
	 * else than a reload: then the application is shutting down for good.
	 * @param context the closed context
	 * @return whether the application ends
	 */
	public boolean endsApplication(ApplicationContext context) {
		Generation current = this.serving;
		return current != null && current.context() == context && !current.isRetiring();
	}

	@Override
	public int servingGeneration() {
		Generation current = this.serving;
		return (current != null) ? current.id() : 0;
	}

	@Override
	public @Nullable ConfigurableApplicationContext servingContext() {
		Generation current = this.serving;
		return (current != null) ? current.context() : null;
	}

	/**
	 * Return how many generations' class loaders are still reachable.
	 * @return the live generation count
	 */
	public int liveCount() {
		return this.generations.liveCount();
	}

	/**
	 * Return the state of every live generation, oldest first.
	 * @return the generation states
	 */
	public List<GenerationState> states() {
		return this.generations.states(this.serving);
	}

	/**
	 * Return the closed generations not yet garbage collected.
	 * @return the closed generations
	 */
	public ClosedGenerations closed() {
		return this.generations.closed();
	}

}
