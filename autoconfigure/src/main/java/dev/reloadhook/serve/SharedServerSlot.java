package dev.reloadhook.serve;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Holds the one embedded server of the JVM that every generation serves through. The
 * runtime owns the slot and hands it to each generation's server factory, so no server
 * class keeps a static instance.
 *
 * @author reload-hook
 */
public final class SharedServerSlot {

	private final String name;

	private @Nullable Object server;

	/**
	 * Create an empty slot.
	 * @param name what the server is for, e.g. {@code http} or {@code management}: names
	 * the threads a server of the slot creates
	 */
	public SharedServerSlot(String name) {
		this.name = name;
	}

	/**
	 * Return what the server of this slot is for.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the server in the slot, creating it if the slot is empty.
	 * @param <T> the server type
	 * @param type the server type
	 * @param factory creates the server
	 * @return the server
	 */
	public synchronized <T> T obtain(Class<T> type, Supplier<T> factory) {
		Object current = this.server;
		if (current == null) {
			T created = factory.get();
			this.server = created;
			return created;
		}
		Assert.state(type.isInstance(current), () -> "The server of this JVM is a " + current.getClass().getName());
		return type.cast(current);
	}

	/**
	 * Empty the slot if it holds the given server: it stopped for good.
	 * @param server the server
	 */
	public synchronized void release(Object server) {
		if (this.server == server) {
			this.server = null;
		}
	}

}
