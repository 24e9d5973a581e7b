package dev.reloadhook.autoconfigure;

import java.util.function.Supplier;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.observe.endpoint.ReloadEndpoint;
import dev.reloadhook.observe.guard.ReactiveRequestGuardFilter;
import dev.reloadhook.observe.guard.RequestGuard;
import dev.reloadhook.observe.guard.ServletRequestGuardFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * Guards the {@code reload} endpoint wherever it is served: a management context
 * configuration, so that it applies to the application's own server and, when
 * {@code management.server.port} differs, to the management server; the endpoint's path
 * is the one actuator maps it to ({@code management.endpoints.web.path-mapping.reload}),
 * under the dispatcher servlet's path.
 *
 * @author reload-hook
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnReloading
@ConditionalOnAvailableEndpoint(ReloadEndpoint.class)
public final class ReloadEndpointGuardConfiguration {

	static RequestGuard guard(Environment environment) {
		// Bound here rather than injected: a management child context has no properties
		// bean of its own.
		ReloadHookProperties.Endpoint endpoint = Binder.get(environment)
			.bindOrCreate("reload-hook", ReloadHookProperties.class)
			.getEndpoint();
		return new RequestGuard(endpoint.isAllowRemoteWrites(), endpoint.isAllowRemoteReads());
	}

	/**
	 * Return the path actuator serves the {@code reload} endpoint at, relative to the
	 * dispatcher (for a servlet application, to the servlet path).
	 */
	static String endpointPath(ObjectProvider<PathMappedEndpoints> endpoints, Environment environment) {
		PathMappedEndpoints mapped = endpoints.getIfAvailable();
		String path = (mapped != null) ? mapped.getPath(EndpointId.of("reload")) : null;
		return (path != null) ? path : ReloadEndpointAutoConfiguration.endpointPath(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, DispatcherServletPath.class })
	static class ServletGuardConfiguration {

		/**
		 * Return the path of the {@code reload} endpoint in the servlet context: its
		 * actuator path under the dispatcher servlet's path, looked up when first asked
		 * for. Servlets and filters are created while the generation's web application
		 * starts; {@link PathMappedEndpoints} creates every exposed endpoint and the beans
		 * they use (Quartz's scheduler, a cache manager, Flyway), which must not be created
		 * there: the thread's context class loader is then the server's, and the threads
		 * these beans start would inherit it.
		 */
		static Supplier<String> servletPath(ObjectProvider<PathMappedEndpoints> endpoints, Environment environment,
				ObjectProvider<DispatcherServletPath> servletPath) {
			return () -> {
				String path = endpointPath(endpoints, environment);
				DispatcherServletPath dispatcher = servletPath.getIfAvailable();
				return (dispatcher != null) ? dispatcher.getRelativePath(path) : path;
			};
		}

		@Bean
		FilterRegistrationBean<ServletRequestGuardFilter> reloadHookRequestGuardFilter(Environment environment,
				ObjectProvider<PathMappedEndpoints> endpoints, ObjectProvider<DispatcherServletPath> servletPath) {
			FilterRegistrationBean<ServletRequestGuardFilter> registration = new FilterRegistrationBean<>(
					new ServletRequestGuardFilter(guard(environment), servletPath(endpoints, environment, servletPath)));
			// Every path: the filter itself tells the endpoint's paths from the others.
			registration.addUrlPatterns("/*");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveGuardConfiguration {

		@Bean
		ReactiveRequestGuardFilter reloadHookRequestGuardFilter(Environment environment,
				ObjectProvider<PathMappedEndpoints> endpoints) {
			return new ReactiveRequestGuardFilter(guard(environment), endpointPath(endpoints, environment));
		}

	}

}
