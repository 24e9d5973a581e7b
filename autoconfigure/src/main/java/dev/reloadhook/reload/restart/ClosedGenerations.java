package dev.reloadhook.reload.restart;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The generations that were closed and whose class loader the garbage collector has not
 * reclaimed yet. Only weak references are kept, so this never keeps one alive.
 *
 * @author reload-hook
 */
public final class ClosedGenerations {

	private final Map<Integer, Closed> closed = new LinkedHashMap<>();

	synchronized void add(RestartClassLoader classLoader) {
		this.closed.put(classLoader.getGeneration(),
				new Closed(new WeakReference<>(classLoader), Instant.now()));
	}

	/**
	 * Return the closed generations still reachable, oldest first.
	 * @return their numbers
	 */
	public synchronized List<Integer> reachable() {
		// refersTo, not get(): on G1, get() during concurrent marking keeps the class loader
		// alive for that cycle, and asked often enough (the endpoint, the dashboard, the leak
		// check) no cycle would ever unload a generation.
		this.closed.values().removeIf((entry) -> entry.classLoader().refersTo(null));
		return new ArrayList<>(this.closed.keySet());
	}

	/**
	 * Return the class loader of a closed generation, if it is still reachable. Hold it no
	 * longer than needed.
	 * @param generation the generation number
	 * @return its class loader, or {@code null} once collected
	 */
	public synchronized @Nullable RestartClassLoader classLoader(int generation) {
		Closed entry = this.closed.get(generation);
		return (entry != null) ? entry.classLoader().get() : null;
	}

	/**
	 * Return when a generation was closed.
	 * @param generation the generation number
	 * @return when, or {@code null} if it is not known as closed and reachable
	 */
	public synchronized @Nullable Instant closedAt(int generation) {
		Closed entry = this.closed.get(generation);
		return (entry != null) ? entry.closedAt() : null;
	}

	private record Closed(WeakReference<RestartClassLoader> classLoader, Instant closedAt) {
	}

}
