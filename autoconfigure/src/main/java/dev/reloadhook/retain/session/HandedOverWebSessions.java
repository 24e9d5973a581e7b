package dev.reloadhook.retain.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The WebFlux sessions ({@code WebSession}) of the JVM, kept in memory across
 * generations: each generation's session store saves its sessions here, attribute values
 * serialized, and the next generation reads a session from here at its first request. It
 * refers to no WebFlux type, so that the runtime of a servlet application can hold it.
 *
 * @author reload-hook
 */
public final class HandedOverWebSessions {

	/** How often sessions nobody asked for again are looked at, and dropped once expired. */
	private static final Duration EXPIRY_CHECK_INTERVAL = Duration.ofSeconds(60);

	private final Map<String, Saved> sessions = new ConcurrentHashMap<>();

	private volatile Instant nextExpiryCheck = Instant.EPOCH;

	void save(String id, Saved session) {
		this.sessions.put(id, session);
	}

	@Nullable Saved get(String id) {
		return this.sessions.get(id);
	}

	void remove(String id) {
		this.sessions.remove(id);
	}

	/**
	 * Drop the expired sessions, at most once a minute: a session no generation asks for
	 * again would stay otherwise.
	 * @param now the time now
	 * @return whether they were looked at now (a generation's own sessions are then too)
	 */
	boolean removeExpiredIfDue(Instant now) {
		if (now.isBefore(this.nextExpiryCheck)) {
			return false;
		}
		this.nextExpiryCheck = now.plus(EXPIRY_CHECK_INTERVAL);
		this.sessions.values().removeIf((session) -> session.isExpiredAt(now));
		return true;
	}

	/**
	 * A session as a generation saved it.
	 *
	 * @param creationTime when it was created
	 * @param lastAccessTime when it was last used
	 * @param maxIdleTime how long it may stay unused
	 * @param attributes its attribute values
	 */
	record Saved(Instant creationTime, Instant lastAccessTime, Duration maxIdleTime, SerializedAttributes attributes) {

		boolean isExpiredAt(Instant time) {
			return !this.maxIdleTime.isNegative() && time.isAfter(this.lastAccessTime.plus(this.maxIdleTime));
		}

	}

}
