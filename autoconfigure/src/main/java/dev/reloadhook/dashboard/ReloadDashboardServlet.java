package dev.reloadhook.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the dashboard page: one self-contained HTML file (inline styles and script, no
 * external resources, so it works offline) whose script polls the {@code reload}
 * actuator endpoint and draws the reload timeline, the generations and the leak suspects.
 *
 * @author reload-hook
 */
public final class ReloadDashboardServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String ENDPOINT_PLACEHOLDER = "{{reloadEndpoint}}";

	// The page loads nothing but its own inline code and the endpoint's JSON from this
	// origin: the browser enforces what the page promises.
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
			+ "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; "
			+ "form-action 'none'; frame-ancestors 'none'";

	private final String endpointPath;

	private final String template;

	/**
	 * Create a servlet for the endpoint at the given path.
	 * @param endpointPath the path of the {@code reload} endpoint, relative to the servlet
	 * context path (for example {@code /actuator/reload})
	 */
	public ReloadDashboardServlet(String endpointPath) {
		Assert.hasText(endpointPath, "'endpointPath' must not be empty");
		Assert.isTrue(endpointPath.startsWith("/"), "'endpointPath' must start with '/'");
		this.endpointPath = endpointPath;
		this.template = readTemplate();
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String pathInfo = request.getPathInfo();
		if (pathInfo != null && !"/".equals(pathInfo)) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.getWriter().write(page(request.getContextPath()));
	}

	/**
	 * Return the page for an application served at the given context path.
	 * @param contextPath the servlet context path ({@code ""} for the root)
	 * @return the HTML page
	 */
	String page(String contextPath) {
		return this.template.replace(ENDPOINT_PLACEHOLDER,
				HtmlUtils.htmlEscape(contextPath + this.endpointPath, StandardCharsets.UTF_8.name()));
	}

	private static String readTemplate() {
		try (InputStream in = ReloadDashboardServlet.class.getResourceAsStream("dashboard.html")) {
			Assert.state(in != null, "dashboard.html is missing from the class path");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
