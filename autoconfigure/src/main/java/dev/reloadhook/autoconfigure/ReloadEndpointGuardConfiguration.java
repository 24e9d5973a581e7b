package dev.reloadhook.autoconfigure;

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
		 * actuator path under the dispatcher servlet's path.
		 */
		static String servletPath(ObjectProvider<PathMappedEndpoints> endpoints, Environment environment,
				ObjectProvider<DispatcherServletPath> servletPath) {
			String path = endpointPath(endpoints, environment);
			DispatcherServletPath dispatcher = servletPath.getIfAvailable();
			return (dispatcher != null) ? dispatcher.getRelativePath(path) : path;
		}

		@Bean
		FilterRegistrationBean<ServletRequestGuardFilter> reloadHookRequestGuardFilter(Environment environment,
				ObjectProvider<PathMappedEndpoints> endpoints, ObjectProvider<DispatcherServletPath> servletPath) {
			String mapped = servletPath(endpoints, environment, servletPath);
			FilterRegistrationBean<ServletRequestGuardFilter> registration = new FilterRegistrationBean<>(
					new ServletRequestGuardFilter(guard(environment)));
			registration.addUrlPatterns(mapped, mapped + "/*");
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
