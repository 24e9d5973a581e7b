package dev.reloadhook.observe.dashboard;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.function.SingletonSupplier;

/**
 * Serves the {@link DashboardPage dashboard page} in a servlet application.
 *
 * @author reload-hook
 */
public final class ReloadDashboardServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String ENDPOINT_PLACEHOLDER = DashboardPage.ENDPOINT_PLACEHOLDER;

	static final String CONTENT_SECURITY_POLICY = DashboardPage.CONTENT_SECURITY_POLICY;

	private final transient Supplier<DashboardPage> page;

	/**
	 * Create a servlet for the endpoint at the given path.
	 * @param endpointPath the path of the {@code reload} endpoint, relative to the servlet
	 * context path (for example {@code /actuator/reload})
	 */
	public ReloadDashboardServlet(String endpointPath) {
		DashboardPage page = new DashboardPage(endpointPath);
		this.page = () -> page;
	}

	/**
	 * Create a servlet for the endpoint at a path known later: asked for once, at the
	 * first request, so that the servlet can be registered before actuator has discovered
	 * its endpoints.
	 * @param endpointPath the path of the {@code reload} endpoint, relative to the servlet
	 * context path (for example {@code /actuator/reload})
	 */
	public ReloadDashboardServlet(Supplier<String> endpointPath) {
		this.page = SingletonSupplier.of(() -> new DashboardPage(endpointPath.get()));
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
		response.getWriter().write(this.page.get().html(request.getContextPath(), csrf));
	}

	String page(String contextPath) {
		return this.page.get().html(contextPath);
	}

}
