package dev.reloadhook.serve.jetty;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.ServletContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Closes the open WebSocket sessions of a generation's servlet context with 1001 "going
 * away" before its context stops: Jetty leaves them open when the context stops (until
 * their idle timeout), holding the closed generation and keeping the client on old code.
 * Sessions are kept by Jetty's own WebSocket container (which Spring's WebSocket support
 * upgrades through) or by its Jakarta WebSocket container ({@code @ServerEndpoint}).
 * <p>
 * Through their public API by reflection: the WebSocket jars are the application's, not
 * reload-hook's.
 *
 * @author reload-hook
 */
final class OpenWebSockets {

	private static final Log logger = LogFactory.getLog(OpenWebSockets.class);

	private static final int GOING_AWAY = 1001;

	private static final String REASON = "Server restarting";

	private OpenWebSockets() {
	}

	static void goAway(ServletContext servletContext) {
		try {
			closeJettySessions(servletContext.getAttribute("org.eclipse.jetty.websocket.api.WebSocketContainer"));
			closeJakartaSessions(servletContext.getAttribute("jakarta.websocket.server.ServerContainer"));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			logger.debug("The WebSockets of a closed generation could not be closed: they end with their idle timeout",
					ex);
		}
	}

	private static void closeJettySessions(@Nullable Object container) throws ReflectiveOperationException {
		List<?> sessions = openSessions(container);
		if (container == null || sessions.isEmpty()) {
			return;
		}
		ClassLoader loader = container.getClass().getClassLoader();
		Class<?> callbackType = Class.forName("org.eclipse.jetty.websocket.api.Callback", false, loader);
		Object noCallback = callbackType.getField("NOOP").get(null);
		// The session classes need not be public: the interface's method is called.
		Method close = Class.forName("org.eclipse.jetty.websocket.api.Session", false, loader)
			.getMethod("close", int.class, String.class, callbackType);
		for (Object session : sessions) {
			close(session, close, GOING_AWAY, REASON, noCallback);
		}
	}

	private static void closeJakartaSessions(@Nullable Object container) throws ReflectiveOperationException {
		List<?> sessions = openSessions(container);
		if (container == null || sessions.isEmpty()) {
			return;
		}
		ClassLoader loader = container.getClass().getClassLoader();
		Class<?> reasonType = Class.forName("jakarta.websocket.CloseReason", false, loader);
		Class<?> codeType = Class.forName("jakarta.websocket.CloseReason$CloseCode", false, loader);
		Object goingAway = Class.forName("jakarta.websocket.CloseReason$CloseCodes", false, loader)
			.getField("GOING_AWAY")
			.get(null);
		Object reason = reasonType.getConstructor(codeType, String.class).newInstance(goingAway, REASON);
		Method close = Class.forName("jakarta.websocket.Session", false, loader).getMethod("close", reasonType);
		for (Object session : sessions) {
			close(session, close, reason);
		}
	}

	private static List<?> openSessions(@Nullable Object container) throws ReflectiveOperationException {
		if (container == null) {
			return List.of();
		}
		Method openSessions = container.getClass().getMethod("getOpenSessions");
		return List.copyOf((Collection<?>) openSessions.invoke(container));
	}

	private static void close(Object session, Method close, Object... arguments) {
		try {
			close.invoke(session, arguments);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Closed by its client meanwhile.
			logger.debug("A WebSocket session of a closed generation could not be closed", ex);
		}
	}

}
