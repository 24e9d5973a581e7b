package dev.reloadhook.serve.tomcat;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import dev.reloadhook.retain.session.SessionAttributes;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.apache.catalina.session.StandardSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Moves the HTTP sessions of the serving context into the next generation's context, with
 * the same ids (the session cookie keeps working) and their attributes re-created in the
 * new generation.
 * <p>
 * Sessions are copied when traffic switches, before the new context is mapped: the first
 * request that reaches it finds its session. Requests still in flight on the old context
 * may change a session after that copy, so when the old context is removed (its requests
 * drained), a session the old context touched after the switch and the new one has not
 * is copied again; a session new requests already used keeps the new generation's state.
 * The old context then lets its sessions go without expiring them, so no session listener
 * of the old generation sees them destroyed.
 *
 * @author reload-hook
 */
final class SessionHandOver {

	private static final Log logger = LogFactory.getLog(SessionHandOver.class);

	/** Old context to the hand-over that emptied it; weak: a failed generation never removes. */
	private final Map<Context, HandOver> pending = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Copy the sessions of the serving context into the context that takes over.
	 * @param from the serving context
	 * @param to the next generation's context, not yet mapped
	 */
	void copy(Context from, Context to) {
		long start = System.nanoTime();
		long switchedAt = System.currentTimeMillis();
		SessionAttributes attributes = new SessionAttributes(to.getLoader().getClassLoader());
		Session[] sessions = from.getManager().findSessions();
		Map<String, Long> copies = new java.util.HashMap<>();
		int dropped = 0;
		for (Session session : sessions) {
			dropped += copy(session, to.getManager(), attributes, copies);
		}
		this.pending.put(from, new HandOver(to, switchedAt, copies));
		if (sessions.length > 0 && logger.isDebugEnabled()) {
			logger.debug(String.format("%d session(s) handed over in %.2f ms, %d attribute(s) dropped",
					sessions.length, (System.nanoTime() - start) / 1e6, dropped));
		}
	}

	/**
	 * Finish the hand-over from a context that is being removed: its requests have been
	 * drained.
	 * @param from the old context
	 */
	void finish(Context from) {
		HandOver handOver = this.pending.remove(from);
		if (handOver == null) {
			return;
		}
		Manager manager = from.getManager();
		SessionAttributes attributes = new SessionAttributes(handOver.to().getLoader().getClassLoader());
		for (Session session : manager.findSessions()) {
			if (session.isValid() && session.getThisAccessedTimeInternal() >= handOver.switchedAt()) {
				Session current = findSession(handOver.to().getManager(), session.getIdInternal());
				if (current == null || handOver.isUntouched(current)) {
					copy(session, handOver.to().getManager(), attributes, new java.util.HashMap<>());
				}
			}
			manager.remove(session);
		}
	}

	private int copy(Session session, Manager target, SessionAttributes attributes, Map<String, Long> copies) {
		if (!session.isValid()) {
			return 0;
		}
		Session copy = target.createEmptySession();
		copy.setNew(false);
		copy.setValid(true);
		copy.setCreationTime(session.getCreationTimeInternal());
		copy.setMaxInactiveInterval(session.getMaxInactiveInterval());
		copy.setAuthType(session.getAuthType());
		copy.setPrincipal(session.getPrincipal());
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		try {
			for (String name : Collections.list(session.getSession().getAttributeNames())) {
				Object value = session.getSession().getAttribute(name);
				if (value != null) {
					values.put(name, value);
				}
			}
		}
		catch (IllegalStateException ex) {
			// Invalidated while being copied.
			return 0;
		}
		int dropped = attributes.copy(session.getIdInternal(), values, (name, value) -> setAttribute(copy, name, value));
		// The creation time also set the access times: without a fresh access, a session
		// older than its timeout would expire at once.
		copy.access();
		copy.endAccess();
		// Complete before requests can see it: setting the id adds the copy to the manager,
		// in place of an earlier copy of the same session. Removing that one first, or
		// adding the copy before its attributes, would let a request of this session find
		// none, or one without its login, for a moment.
		copy.setId(session.getIdInternal(), false);
		copies.put(copy.getIdInternal(), copy.getThisAccessedTimeInternal());
		return dropped;
	}

	private static void setAttribute(Session session, String name, Object value) {
		if (session instanceof StandardSession standard) {
			// No binding or attribute events: the attributes are not new to the session.
			standard.setAttribute(name, value, false);
		}
		else {
			session.getSession().setAttribute(name, value);
		}
	}

	private static @Nullable Session findSession(Manager manager, String id) {
		try {
			return manager.findSession(id);
		}
		catch (java.io.IOException ex) {
			return null;
		}
	}

	/**
	 * One hand-over: where the sessions went, when, and each copy's access time then.
	 */
	private record HandOver(Context to, long switchedAt, Map<String, Long> copies) {

		boolean isUntouched(Session session) {
			Long copied = this.copies.get(session.getIdInternal());
			return copied != null && copied == session.getThisAccessedTimeInternal();
		}

	}

}
