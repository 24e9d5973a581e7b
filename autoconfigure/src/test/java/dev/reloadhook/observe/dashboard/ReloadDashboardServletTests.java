package dev.reloadhook.observe.dashboard;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReloadDashboardServlet}.
 */
class ReloadDashboardServletTests {

	private static final Pattern EXTERNAL_REFERENCE = Pattern
		.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:|//)|url\\(|@import");

	private final ReloadDashboardServlet servlet = new ReloadDashboardServlet("/actuator/reload");

	@Test
	void servesThePageWithTheEndpointPath() throws Exception {
		MockHttpServletResponse response = get("", null);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getHeader("Content-Security-Policy")).startsWith("default-src 'none'")
			.contains("connect-src 'self'");
		assertThat(response.getContentAsString()).startsWith("<!DOCTYPE html>")
			.contains("<meta name=\"reload-endpoint\" content=\"/actuator/reload\">")
			.doesNotContain(ReloadDashboardServlet.ENDPOINT_PLACEHOLDER);
	}

	@Test
	void servesThePageAtTheMappingWithATrailingSlash() throws Exception {
		assertThat(get("", "/").getStatus()).isEqualTo(200);
	}

	@Test
	void answersNotFoundBelowTheMapping() throws Exception {
		assertThat(get("", "/other").getStatus()).isEqualTo(404);
	}

	@Test
	void prefixesTheEndpointPathWithTheContextPath() throws Exception {
		assertThat(get("/shop", null).getContentAsString())
			.contains("<meta name=\"reload-endpoint\" content=\"/shop/actuator/reload\">");
	}

	@Test
	void escapesTheEndpointPath() {
		assertThat(new ReloadDashboardServlet("/a\"><script>/reload").page(""))
			.contains("content=\"/a&quot;&gt;&lt;script&gt;/reload\"");
	}

	@Test
	void pageLoadsNothingFromElsewhere() {
		String page = this.servlet.page("");
		assertThat(page).doesNotContain("http://").doesNotContain("https://");
		assertThat(EXTERNAL_REFERENCE.matcher(page).find()).as("external reference in the page").isFalse();
		assertThat(page).containsOnlyOnce("<script>").containsOnlyOnce("<style>");
	}

	@Test
	void endpointPathMustNotBeEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadDashboardServlet(""))
			.withMessage("'endpointPath' must not be empty");
	}

	@Test
	void endpointPathMustStartWithASlash() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadDashboardServlet("actuator/reload"))
			.withMessage("'endpointPath' must start with '/'");
	}

	private MockHttpServletResponse get(String contextPath, String pathInfo) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", contextPath + "/reload-hook");
		request.setContextPath(contextPath);
		request.setServletPath("/reload-hook");
		request.setPathInfo(pathInfo);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.servlet.service(request, response);
		return response;
	}

}
