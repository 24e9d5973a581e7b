package dev.reloadhook.observe.guard;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RequestGuard}: the decisions the servlet filter and the WebFilter
 * share (over real HTTP in {@code EndpointGuardIntegrationTests}).
 */
class RequestGuardTests {

	private static final InetAddress LOOPBACK = EndpointRequest.address("127.0.0.1");

	private static final InetAddress LAN = EndpointRequest.address("192.0.2.10");

	private final RequestGuard guard = new RequestGuard(false, false);

	@Test
	void writeFromLoopbackWithoutOriginIsServed() {
		assertThat(this.guard.refusal(request("POST", LOOPBACK, LOOPBACK, null, null))).isNull();
		assertThat(this.guard.refusal(request("POST", EndpointRequest.address("::1"), EndpointRequest.address("::1"),
				null, null)))
			.isNull();
	}

	@Test
	void writeOrReadFromAnotherAddressIsRefused() {
		assertThat(this.guard.refusal(request("POST", LAN, LAN, null, null))).contains("loopback interface");
		assertThat(this.guard.refusal(request("GET", LAN, LAN, null, null))).contains("reads are only served");
		assertThat(new RequestGuard(true, true).refusal(request("GET", LAN, LAN, null, null))).isNull();
	}

	@Test
	void loopbackClaimedByAForwardedHeaderOnAnotherInterfaceIsRefused() {
		// The client's address says loopback (rewritten from X-Forwarded-For), the
		// connection arrived on another interface.
		assertThat(this.guard.refusal(request("POST", LOOPBACK, LAN, null, null))).contains("loopback interface");
	}

	@Test
	void writeFromAPageOfAnotherOriginIsRefusedEvenWhenRemoteWritesAreAllowed() {
		RequestGuard open = new RequestGuard(true, true);
		assertThat(open.refusal(request("POST", LAN, LAN, "http://evil.example", null))).contains("another origin");
		assertThat(open.refusal(request("POST", LAN, LAN, "null", null))).contains("another origin");
		assertThat(open.refusal(request("POST", LAN, LAN, "http://localhost:8081", null))).contains("another origin");
		assertThat(open.refusal(request("POST", LAN, LAN, null, "cross-site"))).contains("Sec-Fetch-Site");
	}

	@Test
	void writeFromTheAppsOwnPageIsServed() {
		assertThat(this.guard.refusal(request("POST", LOOPBACK, LOOPBACK, "http://LOCALHOST:8080", "same-origin")))
			.isNull();
		assertThat(this.guard.refusal(new EndpointRequest("POST", LOOPBACK, LOOPBACK, "[::1]", 8080,
				"http://[::1]:8080", null)))
			.isNull();
		assertThat(this.guard.refusal(new EndpointRequest("POST", LOOPBACK, LOOPBACK, "localhost", 80,
				"http://localhost", null)))
			.isNull();
	}

	@Test
	void writeFromAPageOfANameThatIsNotLoopbackIsRefused() {
		assertThat(this.guard.refusal(new EndpointRequest("POST", LOOPBACK, LOOPBACK, "evil.example", 8080,
				"http://evil.example:8080", null)))
			.contains("not a loopback name");
	}

	@Test
	void addressIsNeverLookedUp() {
		assertThat(EndpointRequest.address("localhost")).isNull();
		assertThat(EndpointRequest.address("evil.example")).isNull();
		assertThat(EndpointRequest.address("")).isNull();
		assertThat(EndpointRequest.address("0:0:0:0:0:0:0:1")).isEqualTo(EndpointRequest.address("::1"));
	}

	@Test
	void requestIsRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.refusal(null))
			.withMessage("'request' must not be null");
	}

	private static EndpointRequest request(String method, @Nullable InetAddress remote, @Nullable InetAddress local,
			@Nullable String origin, @Nullable String fetchSite) {
		return new EndpointRequest(method, remote, local, "localhost", 8080, origin, fetchSite);
	}

}
