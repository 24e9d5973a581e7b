package dev.reloadhook.observe.guard;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Decides whether a request to the {@code reload} endpoint is served. Writes (a reload, a
 * snapshot, forgetting the history) and reads (which show file paths: changed files,
 * compile errors) are served only to the loopback interface unless allowed; a write sent
 * by a web page of another site ({@code Origin} not this server's, or
 * {@code Sec-Fetch-Site: cross-site}) is always refused, so that a page open in the
 * developer's browser cannot reload the application.
 * <p>
 * A request is from the loopback interface only when both ends of its connection are
 * loopback addresses: a forwarded header the server trusts may rewrite the client's
 * address, never the server's own end, so {@code X-Forwarded-For: 127.0.0.1} sent from
 * another machine is still remote.
 *
 * @author reload-hook
 */
public final class RequestGuard {

	private static final Log logger = LogFactory.getLog(RequestGuard.class);

	private final boolean allowRemoteWrites;

	private final boolean allowRemoteReads;

	/**
	 * Create a guard.
	 * @param allowRemoteWrites whether writes are served to any address
	 * @param allowRemoteReads whether reads are served to any address
	 */
	public RequestGuard(boolean allowRemoteWrites, boolean allowRemoteReads) {
		this.allowRemoteWrites = allowRemoteWrites;
		this.allowRemoteReads = allowRemoteReads;
	}

	/**
	 * Return why the request is refused, logging it in one line, or {@code null} when it is
	 * served.
	 * @param request the request
	 * @return the reason of the refusal, or {@code null}
	 */
	public @Nullable String refusal(EndpointRequest request) {
		Assert.notNull(request, "'request' must not be null");
		String reason = reason(request);
		if (reason != null) {
			logger.warn("Refused " + request.method() + " on the reload endpoint from "
					+ describe(request.remoteAddress()) + ": " + reason);
		}
		return reason;
	}

	private @Nullable String reason(EndpointRequest request) {
		boolean loopback = isLoopback(request.remoteAddress()) && isLoopback(request.localAddress());
		if (request.isRead()) {
			return (loopback || this.allowRemoteReads) ? null
					: "reads are only served to the loopback interface "
							+ "(set reload-hook.endpoint.allow-remote-reads=true to serve them to any address)";
		}
		if (!loopback && !this.allowRemoteWrites) {
			return "writes are only accepted from the loopback interface "
					+ "(set reload-hook.endpoint.allow-remote-writes=true to accept them from any address)";
		}
		if ("cross-site".equalsIgnoreCase(request.fetchSite())) {
			return "sent by a page of another site (Sec-Fetch-Site: cross-site)";
		}
		String origin = request.origin();
		if (origin != null) {
			String originAuthority = authority(origin);
			String serverAuthority = authority(request.serverHost(), request.serverPort());
			if (originAuthority == null || !originAuthority.equals(serverAuthority)) {
				return "sent by a page of another origin (Origin: " + origin + ")";
			}
			// A page of a name that resolves to this machine (DNS rebinding) is the same
			// origin as far as the browser knows: only loopback names are trusted.
			if (!this.allowRemoteWrites && !isLoopbackName(request.serverHost())) {
				return "sent by a page of a host that is not a loopback name (Origin: " + origin + ")";
			}
		}
		return null;
	}

	private static boolean isLoopback(@Nullable InetAddress address) {
		return address != null && address.isLoopbackAddress();
	}

	private static @Nullable String authority(String origin) {
		try {
			URI uri = new URI(origin);
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			int port = uri.getPort();
			if (port == -1) {
				port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			}
			return authority(uri.getHost(), port);
		}
		catch (URISyntaxException ex) {
			// "null" (a sandboxed page, a file) or garbage: no origin to trust.
			return null;
		}
	}

	private static @Nullable String authority(@Nullable String host, int port) {
		if (host == null) {
			return null;
		}
		return host(host) + ":" + port;
	}

	private static String host(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
	}

	private static boolean isLoopbackName(@Nullable String serverHost) {
		if (serverHost == null) {
			return false;
		}
		String host = host(serverHost);
		return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
				|| host.equals("0:0:0:0:0:0:0:1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	private static String describe(@Nullable InetAddress address) {
		return (address != null) ? address.getHostAddress() : "an unknown address";
	}

}
