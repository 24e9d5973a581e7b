package dev.reloadhook.serve.jetty;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.retain.session.SessionAttributes;
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
	 * @param attributes the serialized attribute values
	 * @param unserializable the attributes whose values could not be serialized, and why
	 * @param writer which generation stored it (its class loader's identity)
	 */
	private record StoredSession(SessionData data, Map<String, StoredValue> attributes,
			Map<String, Unserializable> unserializable, int writer) {

		boolean isExpiredAt(long time) {
			long expiry = this.data.getExpiry();
			return expiry > 0 && expiry <= time;
		}

	}

	private record StoredValue(String className, byte[] bytes) {
	}

	private record Unserializable(String className, Exception failure) {
	}

	/**
	 * One generation's view of the sessions: Jetty's session cache calls it when a
	 * session is needed and not cached, and when one changed.
	 */
	private final class GenerationStore extends AbstractSessionDataStore {

		/** How often a session whose attributes did not change is stored again (its access time). */
		private static final int METADATA_SAVE_PERIOD_SEC = 30;

		private final ClassLoader classLoader;

		private final int generation;

		GenerationStore(ClassLoader classLoader) {
			this.classLoader = classLoader;
			this.generation = System.identityHashCode(classLoader);
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
			Map<String, StoredValue> attributes = new LinkedHashMap<>();
			Map<String, Unserializable> unserializable = new LinkedHashMap<>();
			data.getAllAttributes().forEach((name, value) -> {
				try {
					attributes.put(name, new StoredValue(value.getClass().getName(), SessionAttributes.write(value)));
				}
				catch (IOException | RuntimeException ex) {
					unserializable.put(name, new Unserializable(value.getClass().getName(), ex));
				}
			});
			SessionData copy = new SessionData(id, data.getContextPath(), data.getVhost(), data.getCreated(),
					data.getAccessed(), data.getLastAccessed(), data.getMaxInactiveMs());
			copy.setExpiry(data.getExpiry());
			copy.setCookieSet(data.getCookieSet());
			copy.setLastNode(data.getLastNode());
			HandedOverSessions.this.sessions.put(id,
					new StoredSession(copy, attributes, unserializable, this.generation));
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
			SessionAttributes values = new SessionAttributes(this.classLoader);
			Map<String, Object> attributes = new LinkedHashMap<>();
			stored.attributes().forEach((name, value) -> {
				try {
					attributes.put(name, values.read(value.bytes()));
				}
				catch (IOException | ClassNotFoundException | RuntimeException ex) {
					// The new code no longer has the class, or an incompatible version.
					SessionAttributes.logDropped(name, value.className(), ex);
				}
			});
			if (stored.writer() != this.generation) {
				stored.unserializable()
					.forEach((name, value) -> SessionAttributes.logDropped(name, value.className(), value.failure()));
			}
			data.putAllAttributes(attributes);
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
