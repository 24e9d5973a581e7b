package dev.reloadhook.retain.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionStore;

/**
 * One generation's {@link WebSessionStore}, in memory as Spring's default, whose sessions
 * outlive the generation: each saved session is also kept in the JVM's
 * {@link HandedOverWebSessions}, and a session this generation does not have yet is read
 * from there, its values re-created through the generation's class loader. A logged-in
 * user of a WebFlux application stays logged in across restarts.
 *
 * @author reload-hook
 */
final class GenerationWebSessionStore implements WebSessionStore {

	private static final IdGenerator ids = new AlternativeJdkIdGenerator();

	/** How often a session whose values are the same objects is saved again (its access time). */
	private static final Duration RESAVE_PERIOD = Duration.ofSeconds(30);

	private final HandedOverWebSessions shared;

	private final ClassLoader classLoader;

	private final Duration maxIdleTime;

	private final Clock clock = Clock.systemUTC();

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	GenerationWebSessionStore(HandedOverWebSessions shared, ClassLoader classLoader, Duration maxIdleTime) {
		this.shared = shared;
		this.classLoader = classLoader;
		this.maxIdleTime = maxIdleTime;
	}

	@Override
	public Mono<WebSession> createWebSession() {
		Instant now = this.clock.instant();
		removeExpiredIfDue(now);
		return Mono.just(new Session(ids.generateId().toString(), now, now, this.maxIdleTime, false));
	}

	@Override
	public Mono<WebSession> retrieveSession(String id) {
		Instant now = this.clock.instant();
		removeExpiredIfDue(now);
		Session session = this.sessions.get(id);
		if (session == null) {
			session = handedOver(id, now);
		}
		if (session == null) {
			return Mono.empty();
		}
		if (session.isExpiredAt(now)) {
			remove(id);
			return Mono.empty();
		}
		return Mono.just(session);
	}

	private void removeExpiredIfDue(Instant now) {
		if (this.shared.removeExpiredIfDue(now)) {
			this.sessions.values().removeIf((session) -> session.isExpiredAt(now));
		}
	}

	private @Nullable Session handedOver(String id, Instant now) {
		HandedOverWebSessions.Saved saved = this.shared.get(id);
		if (saved == null || saved.isExpiredAt(now)) {
			return null;
		}
		Session session = new Session(id, saved.creationTime(), saved.lastAccessTime(), saved.maxIdleTime(), true);
		session.getAttributes().putAll(saved.attributes().read(this.classLoader));
		Session raced = this.sessions.putIfAbsent(id, session);
		return (raced != null) ? raced : session;
	}

	@Override
	public Mono<Void> removeSession(String id) {
		remove(id);
		return Mono.empty();
	}

	private void remove(String id) {
		this.sessions.remove(id);
		this.shared.remove(id);
	}

	@Override
	public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
		return Mono.fromSupplier(() -> {
			((Session) webSession).lastAccessTime = this.clock.instant();
			return webSession;
		});
	}

	/**
	 * A session of this generation.
	 */
	private final class Session implements WebSession {

		private final AtomicReference<String> id;

		private final Map<String, Object> attributes = new ConcurrentHashMap<>();

		private final Instant creationTime;

		private volatile Instant lastAccessTime;

		private volatile Duration maxIdleTime;

		private final AtomicReference<State> state;

		/** The values as last saved (the same objects), and when. */
		private volatile Map<String, Object> stored = Map.of();

		private volatile Instant storedAt = Instant.EPOCH;

		Session(String id, Instant creationTime, Instant lastAccessTime, Duration maxIdleTime, boolean started) {
			this.id = new AtomicReference<>(id);
			this.creationTime = creationTime;
			this.lastAccessTime = lastAccessTime;
			this.maxIdleTime = maxIdleTime;
			this.state = new AtomicReference<>(started ? State.STARTED : State.NEW);
		}

		@Override
		public String getId() {
			return this.id.get();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public void start() {
			this.state.compareAndSet(State.NEW, State.STARTED);
		}

		@Override
		public boolean isStarted() {
			return this.state.get() == State.STARTED || !this.attributes.isEmpty();
		}

		@Override
		public Mono<Void> changeSessionId() {
			return Mono.fromRunnable(() -> {
				String previous = this.id.getAndSet(ids.generateId().toString());
				remove(previous);
				if (isStarted()) {
					store();
				}
			});
		}

		@Override
		public Mono<Void> invalidate() {
			return Mono.fromRunnable(() -> {
				this.state.set(State.EXPIRED);
				this.attributes.clear();
				remove(getId());
			});
		}

		@Override
		public Mono<Void> save() {
			if (!this.attributes.isEmpty()) {
				this.state.compareAndSet(State.NEW, State.STARTED);
			}
			if (this.state.get() == State.EXPIRED) {
				remove(getId());
				return Mono.error(new IllegalStateException("Session was invalidated"));
			}
			if (isStarted()) {
				store();
			}
			return Mono.empty();
		}

		private void store() {
			String sessionId = getId();
			GenerationWebSessionStore.this.sessions.put(sessionId, this);
			Instant now = GenerationWebSessionStore.this.clock.instant();
			if (isStoredAsItIs(sessionId, now)) {
				return;
			}
			this.stored = Map.copyOf(this.attributes);
			this.storedAt = now;
			GenerationWebSessionStore.this.shared.save(sessionId,
					new HandedOverWebSessions.Saved(this.creationTime, this.lastAccessTime, this.maxIdleTime,
							SerializedAttributes.of(this.attributes, GenerationWebSessionStore.this.classLoader)));
		}

		/**
		 * Whether the saved copy still holds the same values, recently saved: every request
		 * saves its session, and serializing it each time would cost every request. As with
		 * Jetty's sessions, a value changed in place without being set again is saved with
		 * the access time, at most {@link #RESAVE_PERIOD} later.
		 */
		private boolean isStoredAsItIs(String sessionId, Instant now) {
			if (now.isAfter(this.storedAt.plus(RESAVE_PERIOD)) || this.stored.size() != this.attributes.size()
					|| GenerationWebSessionStore.this.shared.get(sessionId) == null) {
				return false;
			}
			for (Map.Entry<String, Object> attribute : this.attributes.entrySet()) {
				if (this.stored.get(attribute.getKey()) != attribute.getValue()) {
					return false;
				}
			}
			return true;
		}

		@Override
		public boolean isExpired() {
			return isExpiredAt(GenerationWebSessionStore.this.clock.instant());
		}

		boolean isExpiredAt(Instant time) {
			if (this.state.get() == State.EXPIRED) {
				return true;
			}
			if (isStarted() && !this.maxIdleTime.isNegative()
					&& time.isAfter(this.lastAccessTime.plus(this.maxIdleTime))) {
				this.state.set(State.EXPIRED);
				return true;
			}
			return false;
		}

		@Override
		public Instant getCreationTime() {
			return this.creationTime;
		}

		@Override
		public Instant getLastAccessTime() {
			return this.lastAccessTime;
		}

		@Override
		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		@Override
		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

	}

	private enum State {

		NEW, STARTED, EXPIRED

	}

}
