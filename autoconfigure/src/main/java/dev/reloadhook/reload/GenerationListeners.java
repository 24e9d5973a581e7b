package dev.reloadhook.reload;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The listeners told about reloads and the end of generations.
 *
 * @author reload-hook
 */
public final class GenerationListeners {

	private final CopyOnWriteArrayList<GenerationListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Add a listener; adding the same one again does nothing.
	 * @param listener the listener
	 */
	public void add(GenerationListener listener) {
		this.listeners.addIfAbsent(listener);
	}

	/**
	 * Tell every listener, in the order they were added.
	 * @param event what to tell each
	 */
	public void each(Consumer<GenerationListener> event) {
		this.listeners.forEach(event);
	}

	/**
	 * Return the registered listener of the given type.
	 * @param <T> the listener type
	 * @param type the listener type
	 * @return the listener, or {@code null} if none is registered
	 */
	public <T extends GenerationListener> @Nullable T find(Class<T> type) {
		return this.listeners.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
	}

}
