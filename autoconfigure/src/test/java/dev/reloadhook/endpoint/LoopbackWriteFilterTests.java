package dev.reloadhook.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackWriteFilter}.
 */
class LoopbackWriteFilterTests {

	private final LoopbackWriteFilter filter = new LoopbackWriteFilter();

	@Test
	void writeFromAnotherHostIsForbidden() throws Exception {
		MockHttpServletResponse response = filter("POST", "192.0.2.10");
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getErrorMessage()).contains("loopback");
	}

	@Test
	void writeFromLoopbackPasses() throws Exception {
		assertThat(filter("POST", "127.0.0.1").getStatus()).isEqualTo(200);
		assertThat(filter("POST", "::1").getStatus()).isEqualTo(200);
	}

	@Test
	void readFromAnotherHostPasses() throws Exception {
		assertThat(filter("GET", "192.0.2.10").getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse filter(String method, String remoteAddress) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/actuator/reload");
		request.setRemoteAddr(remoteAddress);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		if (chain.getRequest() != null) {
			response.setStatus(200);
		}
		return response;
	}

}
