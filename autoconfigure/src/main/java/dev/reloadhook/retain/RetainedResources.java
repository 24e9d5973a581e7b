package dev.reloadhook.retain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reloadhook.reload.GenerationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The resources that outlive generations, by bean name, each with the fingerprint of the
 * configuration it was created from. A resource whose configuration changed is replaced,
 * and closed only once no generation uses it: after the generation that used it last has
 * closed, or at once if the generation that replaced it failed (then it is reinstated).
 *
 * @author reload-hook
 */
public final class RetainedResources implements GenerationListener {

	private static final Log logger = LogFactory.getLog(RetainedResources.class);

	private final Map<String, Retained<?>> current = new LinkedHashMap<>();

	private final List<Replaced> replaced = new ArrayList<>();

	/** Generations that will not use a resource any more: discarded or closed. */
	private final java.util.Set<Integer> gone = new java.util.HashSet<>();

	private final Map<String, String> initializations = new java.util.HashMap<>();

	/**
	 * Create an empty registry; the runtime of the JVM holds the one all generations use.
	 */
	public RetainedResources() {
	}

	/**
	 * Return the resource kept under the given name if it was created from the same
	 * configuration, and note that the generation uses it.
	 * @param name the bean name
	 * @param fingerprint the new generation's configuration fingerprint
	 * @param generation the new generation
	 * @return the resource, or {@code null} if there is none or its configuration differs
	 */
	public synchronized @Nullable Object reuse(String name, String fingerprint, int generation) {
		Retained<?> retained = this.current.get(name);
		if (retained == null || !retained.fingerprint().equals(fingerprint)) {
			return null;
		}
		retained.lastUsedBy = generation;
		return retained.resource();
	}

	/**
	 * Return what the resource kept under the given name was last initialized with (for a
	 * data source: which scripts ran on which database).
	 * @param name the bean name
	 * @return the digest of that state, or {@code null}
	 */
	public synchronized @Nullable String initializedWith(String name) {
		return this.initializations.get(name);
	}

	/**
	 * Note what extra state the resource kept under the given name was initialized with.
	 * @param name the bean name
	 * @param digest the digest of that state
	 */
	public synchronized void initialized(String name, String digest) {
		this.initializations.put(name, digest);
	}

	/**
	 * Keep a resource a generation created. One kept under the same name before is
	 * replaced: the strategy {@linkplain RetentionStrategy#replacing prepares} the new one
	 * while the old one is still open, and the old one is closed once no generation uses
	 * it.
	 * @param <T> the resource type
	 * @param name the bean name
	 * @param fingerprint the configuration it was created from
	 * @param resource the resource
	 * @param strategy how to handle it
	 * @param generation the generation that created it
	 */
	public <T> void adopt(String name, String fingerprint, T resource, RetentionStrategy<T> strategy,
			int generation) {
		@Nullable Object replacing;
		synchronized (this) {
			Retained<?> previous = this.current.get(name);
			replacing = (previous != null) ? previous.resource() : null;
		}
		// Outside the lock: preparing may connect to a database.
		if (replacing != resource && strategy.type().isInstance(replacing)) {
			strategy.replacing(strategy.type().cast(replacing), resource);
		}
		synchronized (this) {
			Retained<?> previous = this.current.put(name,
					new Retained<>(name, fingerprint, resource, strategy, generation));
			if (previous != null && previous.resource() != resource) {
				this.replaced.add(new Replaced(previous, generation));
			}
		}
	}

	@Override
	public synchronized void discarded(int generation) {
		this.gone.add(generation);
		for (Iterator<Map.Entry<String, Retained<?>>> entries = this.current.entrySet().iterator(); entries.hasNext();) {
			Retained<?> retained = entries.next().getValue();
			if (retained.createdBy == generation) {
				entries.remove();
				retained.close();
			}
		}
		for (Iterator<Replaced> iterator = this.replaced.iterator(); iterator.hasNext();) {
			Replaced replacement = iterator.next();
			if (replacement.by() == generation) {
				iterator.remove();
				this.current.put(replacement.retained().name(), replacement.retained());
			}
		}
	}

	@Override
	public synchronized void closed(int generation) {
		// Not every older generation is closed by now: one may still answer a long poll.
		this.gone.add(generation);
		for (Iterator<Replaced> iterator = this.replaced.iterator(); iterator.hasNext();) {
			Replaced replacement = iterator.next();
			if (this.gone.contains(replacement.retained().lastUsedBy)) {
				iterator.remove();
				replacement.retained().close();
			}
		}
	}

	/**
	 * Close everything: the application is shutting down for good.
	 */
	public synchronized void closeAll() {
		this.replaced.forEach((replacement) -> replacement.retained().close());
		this.replaced.clear();
		this.current.values().forEach(Retained::close);
		this.current.clear();
	}

	/**
	 * Describe the retained resources.
	 * @return one description per resource
	 */
	public synchronized List<RetainedResourceDescriptor> describe() {
		List<RetainedResourceDescriptor> descriptors = new ArrayList<>();
		this.current.values().forEach((retained) -> descriptors.add(retained.describe("retained")));
		this.replaced.forEach((replacement) -> descriptors.add(replacement.retained().describe("closing")));
		return descriptors;
	}

	/**
	 * A retained resource, described.
	 *
	 * @param name the bean name
	 * @param type the resource type
	 * @param state {@code retained} or {@code closing}
	 * @param createdBy the generation that created it
	 * @param lastUsedBy the newest generation that uses it
	 * @param details type-specific state, such as pool counts
	 */
	public record RetainedResourceDescriptor(String name, String type, String state, int createdBy, int lastUsedBy,
			Map<String, Object> details) {
	}

	private static final class Retained<T> {

		private final String name;

		private final String fingerprint;

		private final T resource;

		private final RetentionStrategy<T> strategy;

		private final int createdBy;

		private volatile int lastUsedBy;

		Retained(String name, String fingerprint, T resource, RetentionStrategy<T> strategy, int createdBy) {
			this.name = name;
			this.fingerprint = fingerprint;
			this.resource = resource;
			this.strategy = strategy;
			this.createdBy = createdBy;
			this.lastUsedBy = createdBy;
		}

		String name() {
			return this.name;
		}

		String fingerprint() {
			return this.fingerprint;
		}

		T resource() {
			return this.resource;
		}

		RetainedResourceDescriptor describe(String state) {
			return new RetainedResourceDescriptor(this.name, this.strategy.type().getName(), state, this.createdBy,
					this.lastUsedBy, this.strategy.describe(this.resource));
		}

		void close() {
			try {
				this.strategy.close(this.resource);
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to close retained " + this.name + ": " + ex.getMessage());
			}
		}

	}

	private record Replaced(Retained<?> retained, int by) {
	}

}
