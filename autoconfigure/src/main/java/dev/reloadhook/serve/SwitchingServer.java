package dev.reloadhook.serve;

import java.util.ArrayList;
import java.util.List;

import dev.reloadhook.reload.restart.BaseContext;
import org.jspecify.annotations.Nullable;

/**
 * A server of the JVM whose own handler hands each request to the generation serving when
 * the request arrives: the port is bound when the first generation is activated, and each
 * later one takes new requests from the moment it is activated. When the serving
 * generation is removed before the one it replaced (it failed after it was activated),
 * the replaced one serves again.
 *
 * @param <G> the type of the generations it serves
 * @author reload-hook
 */
public abstract class SwitchingServer<G extends SwitchedGeneration> {

	private volatile @Nullable G serving;

	private final List<G> active = new ArrayList<>();

	private boolean bound;

	/**
	 * Return the generation that new requests go to.
	 * @return the serving generation, or {@code null} once the application shuts down
	 */
	protected final @Nullable G serving() {
		return this.serving;
	}

	@SuppressWarnings("unchecked")
	final synchronized void activate(SwitchedGeneration generation) {
		G previous = this.serving;
		this.serving = (G) generation;
		if (!this.bound) {
			try {
				// The server's threads must reference no generation.
				BaseContext.run(this::bind);
			}
			catch (RuntimeException ex) {
				this.serving = previous;
				throw ex;
			}
			this.bound = true;
		}
		this.active.add((G) generation);
	}

	@SuppressWarnings("unchecked")
	final synchronized void remove(SwitchedGeneration generation) {
		this.active.remove(generation);
		if (this.serving == generation) {
			this.serving = this.active.isEmpty() ? null : this.active.get(this.active.size() - 1);
		}
		BaseContext.run(() -> removed((G) generation));
	}

	/**
	 * Bind the port and start serving; runs in the {@link BaseContext}.
	 */
	protected abstract void bind();

	/**
	 * Release what the server holds of a generation that no longer serves; runs in the
	 * {@link BaseContext}.
	 * @param generation the generation
	 */
	protected void removed(G generation) {
	}

	/**
	 * Return the port the server listens on.
	 * @return the port, or {@code -1} before it is bound
	 */
	public abstract int port();

	/**
	 * Stop the server and unbind its port: the application is shutting down for good.
	 */
	public abstract void stop();

}
