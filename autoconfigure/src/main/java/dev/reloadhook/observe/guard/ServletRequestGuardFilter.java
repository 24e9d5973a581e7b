package dev.reloadhook.observe.guard;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies a {@link RequestGuard} to the servlet requests it is mapped to (the
 * {@code reload} endpoint's paths): a refused request is answered with {@code 403}.
 *
 * @author reload-hook
 */
public final class ServletRequestGuardFilter extends OncePerRequestFilter {

	private final RequestGuard guard;

	/**
	 * Create a filter.
	 * @param guard the guard that decides
	 */
	public ServletRequestGuardFilter(RequestGuard guard) {
		Assert.notNull(guard, "'guard' must not be null");
		this.guard = guard;
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
