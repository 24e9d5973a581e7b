package dev.reloadhook.observe.guard;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies a {@link RequestGuard} to the servlet requests for the {@code reload}
 * endpoint's paths: a refused request is answered with {@code 403}.
 *
 * @author reload-hook
 */
public final class ServletRequestGuardFilter extends OncePerRequestFilter {

	private final RequestGuard guard;

	private final Supplier<String> endpointPath;

	/**
	 * Create a filter that guards the endpoint's path and every path under it.
	 * @param guard the guard that decides
	 * @param endpointPath the path of the {@code reload} endpoint in the servlet context
	 * (servlet path and path info, for example {@code /actuator/reload}); asked for once,
	 * at the first request, so that the filter can be registered before actuator has
	 * discovered its endpoints
	 */
	public ServletRequestGuardFilter(RequestGuard guard, Supplier<String> endpointPath) {
		Assert.notNull(guard, "'guard' must not be null");
		Assert.notNull(endpointPath, "'endpointPath' must not be null");
		this.guard = guard;
		this.endpointPath = SingletonSupplier.of(endpointPath);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// What the container would match the URL patterns "path" and "path/*" against.
		String pathInfo = request.getPathInfo();
		String path = request.getServletPath() + ((pathInfo != null) ? pathInfo : "");
		String endpoint = this.endpointPath.get();
		return !(path.equals(endpoint) || path.startsWith(endpoint + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = this.guard.refusal(new EndpointRequest(request.getMethod(),
				EndpointRequest.address(request.getRemoteAddr()), EndpointRequest.address(request.getLocalAddr()),
				request.getServerName(), request.getServerPort(), request.getHeader(HttpHeaders.ORIGIN),
				request.getHeader("Sec-Fetch-Site")));
		if (refusal != null) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN, "Refused by reload-hook: " + refusal);
			return;
		}
		chain.doFilter(request, response);
	}

}
