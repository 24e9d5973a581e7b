package dev.reloadhook.observe.dashboard;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the {@link DashboardPage dashboard page} in a WebFlux application.
 *
 * @author reload-hook
 */
public final class ReloadDashboardRoute {

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private final DashboardPage page;

	private final String path;

	/**
	 * Create the route of the page.
	 * @param path where the page is served ({@code reload-hook.dashboard.path})
	 * @param endpointPath the path of the {@code reload} endpoint
	 */
	public ReloadDashboardRoute(String path, String endpointPath) {
		this.page = new DashboardPage(endpointPath);
		this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Return the router function serving the page at its path, with or without a
	 * trailing slash.
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routerFunction() {
		return RouterFunctions.route(
				RequestPredicates.GET(this.path).or(RequestPredicates.GET(this.path + "/")), this::page);
	}

	private Mono<ServerResponse> page(ServerRequest request) {
		String contextPath = request.requestPath().contextPath().value();
		return csrfToken(request).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((csrf) -> ServerResponse.ok()
				.contentType(HTML)
				.headers((headers) -> DashboardPage.HEADERS.forEach(headers::set))
				.bodyValue(this.page.html(contextPath, csrf.orElse(null))));
	}

	/**
	 * The CSRF token Spring Security's WebFlux filter offers the request, if any: a
	 * {@code Mono} that saves the token when it is subscribed to.
	 */
	private static Mono<CsrfToken> csrfToken(ServerRequest request) {
		return request.attribute(CsrfToken.WEBFLUX_ATTRIBUTE)
			.filter(Mono.class::isInstance)
			.map((token) -> ((Mono<?>) token).mapNotNull(CsrfToken::of))
			.orElse(Mono.empty());
	}

}
