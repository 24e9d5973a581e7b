package dev.reloadhook.observe.guard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies a {@link RequestGuard} to the reactive requests for the {@code reload}
 * endpoint: a refused request is answered with {@code 403}.
 *
 * @author reload-hook
 */
public final class ReactiveRequestGuardFilter implements WebFilter {

	private final RequestGuard guard;

	private final String endpointPath;

	/**
	 * Create a filter.
	 * @param guard the guard that decides
	 * @param endpointPath the path of the {@code reload} endpoint within the application
	 * (for example {@code /actuator/reload})
	 */
	public ReactiveRequestGuardFilter(RequestGuard guard, String endpointPath) {
		Assert.notNull(guard, "'guard' must not be null");
		Assert.hasText(endpointPath, "'endpointPath' must not be empty");
		this.guard = guard;
		this.endpointPath = endpointPath;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (!path.equals(this.endpointPath) && !path.startsWith(this.endpointPath + "/")) {
			return chain.filter(exchange);
		}
		String refusal = this.guard.refusal(new EndpointRequest(request.getMethod().name(),
				address(request.getRemoteAddress()), address(request.getLocalAddress()), request.getURI().getHost(),
				port(request), request.getHeaders().getFirst(HttpHeaders.ORIGIN),
				request.getHeaders().getFirst("Sec-Fetch-Site")));
		if (refusal == null) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		DataBuffer body = response.bufferFactory()
			.wrap(("Refused by reload-hook: " + refusal).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

	private static @Nullable InetAddress address(@Nullable InetSocketAddress address) {
		return (address != null) ? address.getAddress() : null;
	}

	private static int port(ServerHttpRequest request) {
		int port = request.getURI().getPort();
		return (port != -1) ? port : ("https".equalsIgnoreCase(request.getURI().getScheme()) ? 443 : 80);
	}

}
