package dev.reloadhook.endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses write operations on the {@code reload} endpoint (a {@code POST} reloads the
 * application) unless they come from the loopback interface: a development server often
 * listens on every interface.
 *
 * @author reload-hook
 */
public final class LoopbackWriteFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isRead(request.getMethod()) || isLoopback(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		response.sendError(HttpServletResponse.SC_FORBIDDEN,
				"Reload requests are only accepted from the loopback interface "
						+ "(set reload-hook.endpoint.allow-remote-writes=true to accept them from anywhere)");
	}

	private static boolean isRead(String method) {
		return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
	}

	private static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
