package dev.reloadhook.serve.servlet;

import java.io.IOException;
import java.util.EnumSet;

import dev.reloadhook.serve.LongLivedExchanges;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Finds the streamed responses of a generation's servlet context (asynchronous requests
 * answered with {@code text/event-stream} or {@code application/x-ndjson}, such as
 * Spring MVC's {@code SseEmitter} or a {@code Flux} it streams) and completes those still
 * open when the generation is removed: the client sees its stream end, rather than a
 * connection that stays open on a generation that no longer runs, and reconnects to the
 * new one.
 *
 * @author reload-hook
 */
public final class StreamedResponseFilter implements Filter {

	private static final String NAME = "reloadHookStreamedResponses";

	private final LongLivedExchanges longLived;

	private StreamedResponseFilter(LongLivedExchanges longLived) {
		this.longLived = longLived;
	}

	/**
	 * Return a generation's servlet context initializers, preceded by one that adds this
	 * filter for every request.
	 * @param longLived the generation's long-lived exchanges
	 * @param initializers the generation's initializers
	 * @return the initializers to start its servlet context with
	 */
	public static ServletContextInitializer[] first(LongLivedExchanges longLived,
			ServletContextInitializer... initializers) {
		ServletContextInitializer[] all = new ServletContextInitializer[initializers.length + 1];
		all[0] = (servletContext) -> {
			FilterRegistration.Dynamic filter = servletContext.addFilter(NAME, new StreamedResponseFilter(longLived));
			filter.setAsyncSupported(true);
			filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
		};
		System.arraycopy(initializers, 0, all, 1, initializers.length);
		return all;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		chain.doFilter(request, response);
		if (request.isAsyncStarted() && LongLivedExchanges.isStream(response.getContentType())) {
			track(request.getAsyncContext());
		}
	}

	private void track(AsyncContext async) {
		Runnable forget = this.longLived.add(async::complete);
		try {
			async.addListener(new OnAsyncComplete(forget));
		}
		catch (IllegalStateException ex) {
			// Completed already.
			forget.run();
		}
	}

}
