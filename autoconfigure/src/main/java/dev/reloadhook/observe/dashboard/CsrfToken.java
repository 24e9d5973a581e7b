package dev.reloadhook.observe.dashboard;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * The CSRF token that Spring Security gave the dashboard page's request, if it did: the
 * page sends it with its reload requests, which the same protection covers (a
 * {@code POST} to the {@code reload} endpoint). Read by reflection: Spring Security is
 * the application's choice, not a dependency of reload-hook.
 *
 * @param headerName the header the token is expected in
 * @param token the token
 * @author reload-hook
 */
record CsrfToken(String headerName, String token) {

	/** The request attribute under which Spring Security's servlet filter puts the token. */
	static final String SERVLET_ATTRIBUTE = "org.springframework.security.web.csrf.CsrfToken";

	/** The exchange attribute under which Spring Security's WebFlux filter puts the token. */
	static final String WEBFLUX_ATTRIBUTE = "org.springframework.security.web.server.csrf.CsrfToken";

	/**
	 * Read a token of Spring Security (servlet or WebFlux) by its public accessors.
	 * @param securityToken the token as Spring Security made it, or {@code null}
	 * @return the token, or {@code null} if there is none
	 */
	static @Nullable CsrfToken of(@Nullable Object securityToken) {
		if (securityToken == null) {
			return null;
		}
		Object headerName = call(securityToken, "getHeaderName");
		// Reading the token is what makes Spring Security save it (deferred tokens).
		Object token = call(securityToken, "getToken");
		return (headerName instanceof String name && token instanceof String value) ? new CsrfToken(name, value)
				: null;
	}

	private static @Nullable Object call(Object target, String name) {
		Method method = ReflectionUtils.findMethod(target.getClass(), name);
		if (method == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(method);
		return ReflectionUtils.invokeMethod(method, target);
	}

}
