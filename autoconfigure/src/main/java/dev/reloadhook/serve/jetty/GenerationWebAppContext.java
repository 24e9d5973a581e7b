package dev.reloadhook.serve.jetty;

import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;

/**
 * A generation's web application context whose servlets are initialized when the
 * generation's web server starts, not while the context starts, as Spring Boot's own
 * Jetty context does: Jetty initializes a servlet given as an instance (Spring Boot's
 * {@code DispatcherServlet}) when its context starts, and the dispatcher's handler
 * mappings would then create actuator's endpoints and the beans they use (Quartz's
 * scheduler, a cache manager) with the web application's class loader as the thread's
 * context class loader, which the threads they start inherit.
 *
 * @author reload-hook
 */
final class GenerationWebAppContext extends WebAppContext {

	@Override
	protected ServletHandler newServletHandler() {
		return new DeferredServletHandler();
	}

	/**
	 * Initialize the servlets, filters and listeners the context's start left alone, in
	 * the context's scope.
	 * @throws Exception if one of them fails to initialize
	 */
	void initializeServlets() throws Exception {
		DeferredServletHandler handler = (DeferredServletHandler) getServletHandler();
		getContext().call(handler::deferredInitialize, null);
	}

	private static final class DeferredServletHandler extends ServletHandler {

		@Override
		public void initialize() throws Exception {
			// Deferred: see initializeServlets().
		}

		void deferredInitialize() throws Exception {
			super.initialize();
		}

	}

}
