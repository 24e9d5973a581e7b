package dev.reloadhook.observe.dashboard;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the {@link DashboardPage dashboard page} in a servlet application.
 *
 * @author reload-hook
 */
public final class ReloadDashboardServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String ENDPOINT_PLACEHOLDER = DashboardPage.ENDPOINT_PLACEHOLDER;

	static final String CONTENT_SECURITY_POLICY = DashboardPage.CONTENT_SECURITY_POLICY;

	private final transient DashboardPage page;

	/**
	 * Create a servlet for the endpoint at the given path.
	 * @param endpointPath the path of the {@code reload} endpoint, relative to the servlet
	 * context path (for example {@code /actuator/reload})
	 */
	public ReloadDashboardServlet(String endpointPath) {
		this.page = new DashboardPage(endpointPath);
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String pathInfo = request.getPathInfo();
		if (pathInfo != null && !"/".equals(pathInfo)) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		response.setContentType("text/html;charset=UTF-8");
		DashboardPage.HEADERS.forEach(response::setHeader);
		CsrfToken csrf = CsrfToken.of(request.getAttribute(CsrfToken.SERVLET_ATTRIBUTE));
		response.getWriter().write(this.page.html(request.getContextPath(), csrf));
	}

	String page(String contextPath) {
		return this.page.html(contextPath);
	}

}
