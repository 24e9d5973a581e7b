package dev.reloadhook.observe.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * What the guard needs to know of one request to the {@code reload} endpoint, whatever the
 * web stack.
 *
 * @param method the HTTP method
 * @param remoteAddress the client's address as the server sees it (after any forwarded
 * headers the server was configured to trust)
 * @param localAddress the address of the server's end of the connection
 * @param serverHost the host the request was sent to ({@code Host} header, or its
 * forwarded equivalent)
 * @param serverPort the port the request was sent to
 * @param origin the {@code Origin} header
 * @param fetchSite the {@code Sec-Fetch-Site} header
 * @author reload-hook
 */
public record EndpointRequest(String method, @Nullable InetAddress remoteAddress, @Nullable InetAddress localAddress,
		@Nullable String serverHost, int serverPort, @Nullable String origin, @Nullable String fetchSite) {

	/**
	 * Return whether the request only reads.
	 * @return whether the method is {@code GET}, {@code HEAD} or {@code OPTIONS}
	 */
	public boolean isRead() {
		return "GET".equals(this.method) || "HEAD".equals(this.method) || "OPTIONS".equals(this.method);
	}

	/**
	 * Return the address written as an IP literal, never looking a name up.
	 * @param literal the address as the server reports it
	 * @return the address, or {@code null} when it is not an IP literal
	 */
	public static @Nullable InetAddress address(@Nullable String literal) {
		if (literal == null || literal.isEmpty() || !literal.matches("[0-9a-fA-F:.%\\[\\]]+")
				|| !(literal.indexOf(':') >= 0 || literal.matches("[0-9.]+"))) {
			return null;
		}
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
