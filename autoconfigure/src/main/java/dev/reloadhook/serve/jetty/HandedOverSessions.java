package dev.reloadhook.serve.jetty;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.retain.session.SerializedAttributes;
import org.eclipse.jetty.session.AbstractSessionDataStore;
import org.eclipse.jetty.session.SessionData;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP sessions of the JVM's Jetty server, kept in memory across generations: each
 * generation's session cache stores its sessions here (attribute values serialized, so
 * that nothing here refers to a generation's classes) and the next generation loads a
 * session from here when its first request arrives, its values re-created through its own
 * class loader. The session cookie keeps working, and a logged-in user stays logged in.
 * <p>
 * Requests still in flight on the old generation may change a session after the switch;
 * they store it here when they end, so the new generation finds their changes unless it
 * has loaded the session already (then its own state wins).
 *
 * @author reload-hook
 */
final class HandedOverSessions {

	private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

	/**
	 * Return the session data store of one generation.
	 * @param classLoader the generation's class loader, which the values it loads come from
	 * @return the store, for the generation's session cache
	 */
	AbstractSessionDataStore storeFor(ClassLoader classLoader) {
		return new GenerationStore(classLoader);
	}

	/**
	 * A session as a generation stored it.
	 *
	 * @param data the session's data, without its attributes
	 * @param attributes its attribute values
	 */
	private record StoredSession(SessionData data, SerializedAttributes attributes) {

		boolean isExpiredAt(long time) {
			long expiry = this.data.getExpiry();
			return expiry > 0 && expiry <= time;
		}

	}

	/**
	 * One generation's view of the sessions: Jetty's session cache calls it when a
	 * session is needed and not cached, and when one changed.
	 */
	private final class GenerationStore extends AbstractSessionDataStore {

		/** How often a session whose attributes did not change is stored again (its access time). */
		private static final int METADATA_SAVE_PERIOD_SEC = 30;

		private final ClassLoader classLoader;

		GenerationStore(ClassLoader classLoader) {
			this.classLoader = classLoader;
			// Access times alone need not be stored on every request; attribute changes are.
			setSavePeriodSec(METADATA_SAVE_PERIOD_SEC);
		}

		@Override
		public boolean isPassivating() {
			// Values are serialized, but no activation listener needs to hear of every
			// request's store: the session stays in the generation's cache.
			return false;
		}

		@Override
		public boolean doExists(String id) {
			StoredSession stored = HandedOverSessions.this.sessions.get(id);
			return stored != null && !stored.isExpiredAt(System.currentTimeMillis());
		}

		@Override
		public void doStore(String id, SessionData data, long lastSaveTime) {
			SessionData copy = new SessionData(id, data.getContextPath(), data.getVhost(), data.getCreated(),
					data.getAccessed(), data.getLastAccessed(), data.getMaxInactiveMs());
			copy.setExpiry(data.getExpiry());
			copy.setCookieSet(data.getCookieSet());
			copy.setLastNode(data.getLastNode());
			HandedOverSessions.this.sessions.put(id,
					new StoredSession(copy, SerializedAttributes.of(data.getAllAttributes(), this.classLoader)));
		}

		@Override
		public @Nullable SessionData doLoad(String id) {
			StoredSession stored = HandedOverSessions.this.sessions.get(id);
			if (stored == null) {
				return null;
			}
			SessionData data = newSessionData(id, stored.data().getCreated(), stored.data().getAccessed(),
					stored.data().getLastAccessed(), stored.data().getMaxInactiveMs());
			data.setExpiry(stored.data().getExpiry());
			data.setCookieSet(stored.data().getCookieSet());
			data.setLastNode(stored.data().getLastNode());
			data.putAllAttributes(stored.attributes().read(this.classLoader));
			return data;
		}

		@Override
		public boolean delete(String id) {
			return HandedOverSessions.this.sessions.remove(id) != null;
		}

		@Override
		public Set<String> doCheckExpired(Set<String> candidates, long time) {
			Set<String> expired = new HashSet<>();
			for (String id : candidates) {
				StoredSession stored = HandedOverSessions.this.sessions.get(id);
				// One no longer stored was invalidated by another generation.
				if (stored == null || stored.isExpiredAt(time)) {
					expired.add(id);
				}
			}
			return expired;
		}

		@Override
		public Set<String> doGetExpired(long time) {
			Set<String> expired = new HashSet<>();
			HandedOverSessions.this.sessions.forEach((id, stored) -> {
				if (stored.isExpiredAt(time)) {
					expired.add(id);
				}
			});
			return expired;
		}

		@Override
		public void doCleanOrphans(long time) {
			HandedOverSessions.this.sessions.values().removeIf((stored) -> stored.isExpiredAt(time));
		}

	}

}
