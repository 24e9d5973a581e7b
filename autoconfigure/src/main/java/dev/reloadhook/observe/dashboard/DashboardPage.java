package dev.reloadhook.observe.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard page, whatever web stack serves it: one self-contained HTML file (inline
 * styles and script, no external resources, so it works offline) whose script polls the
 * {@code reload} actuator endpoint, and the headers it is served with.
 *
 * @author reload-hook
 */
public final class DashboardPage {

	static final String ENDPOINT_PLACEHOLDER = "{{reloadEndpoint}}";

	static final String CSRF_HEADER_PLACEHOLDER = "{{csrfHeader}}";

	static final String CSRF_TOKEN_PLACEHOLDER = "{{csrfToken}}";

	// The page loads nothing but its own inline code and the endpoint's JSON from this
	// origin: the browser enforces what the page promises.
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
			+ "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; "
			+ "form-action 'none'; frame-ancestors 'none'";

	/** The response headers of the page, besides its content type. */
	public static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store", "Content-Security-Policy",
			CONTENT_SECURITY_POLICY, "X-Content-Type-Options", "nosniff");

	private final String endpointPath;

	private final String template;

	/**
	 * Create the page for the endpoint at the given path.
	 * @param endpointPath the path of the {@code reload} endpoint, relative to the context
	 * path (for example {@code /actuator/reload})
	 */
	public DashboardPage(String endpointPath) {
		Assert.hasText(endpointPath, "'endpointPath' must not be empty");
		Assert.isTrue(endpointPath.startsWith("/"), "'endpointPath' must start with '/'");
		this.endpointPath = endpointPath;
		this.template = readTemplate();
	}

	/**
	 * Return the page for an application served at the given context path.
	 * @param contextPath the context path ({@code ""} for the root)
	 * @return the HTML page
	 */
	public String html(String contextPath) {
		return html(contextPath, null);
	}

	/**
	 * Return the page for an application served at the given context path, which sends
	 * the given CSRF token with its reload requests.
	 * @param contextPath the context path ({@code ""} for the root)
	 * @param csrf the CSRF token of the page's request, or {@code null}
	 * @return the HTML page
	 */
	String html(String contextPath, @Nullable CsrfToken csrf) {
		return this.template.replace(ENDPOINT_PLACEHOLDER, escape(contextPath + this.endpointPath))
			.replace(CSRF_HEADER_PLACEHOLDER, (csrf != null) ? escape(csrf.headerName()) : "")
			.replace(CSRF_TOKEN_PLACEHOLDER, (csrf != null) ? escape(csrf.token()) : "");
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
	}

	private static String readTemplate() {
		try (InputStream in = DashboardPage.class.getResourceAsStream("dashboard.html")) {
			Assert.state(in != null, "dashboard.html is missing from the class path");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
