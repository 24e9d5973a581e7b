package dev.reloadhook.serve;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * The first failure of a generation's servlet context initializers. Servlet containers
 * log or wrap an initializer's failure while starting a context; keeping the first one
 * fails the generation with its real cause.
 *
 * @author reload-hook
 */
public final class InitializerFailure {

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	/**
	 * Wrap the initializers so that the first failure among them is kept.
	 * @param initializers the initializers
	 * @return the wrapped initializers
	 */
	public ServletContextInitializer[] capturing(ServletContextInitializer[] initializers) {
		ServletContextInitializer[] capturing = new ServletContextInitializer[initializers.length];
		for (int i = 0; i < initializers.length; i++) {
			ServletContextInitializer initializer = initializers[i];
			capturing[i] = (servletContext) -> {
				try {
					initializer.onStartup(servletContext);
				}
				catch (Throwable ex) {
					this.failure.compareAndSet(null, ex);
					throw ex;
				}
			};
		}
		return capturing;
	}

	/**
	 * Return the first failure.
	 * @return the failure, or {@code null} if none failed
	 */
	public @Nullable Throwable get() {
		return this.failure.get();
	}

}
