package dev.reloadhook.autoconfigure;

import java.util.function.Supplier;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.observe.dashboard.ReloadDashboardRoute;
import dev.reloadhook.observe.dashboard.ReloadDashboardServlet;
import jakarta.servlet.http.HttpServlet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Auto-configuration of the dashboard page at {@code reload-hook.dashboard.path}, served
 * (like the H2 console) by a servlet of its own, or by a router function on WebFlux.
 *
 * @author reload-hook
 */
@AutoConfiguration(after = ReloadHookAutoConfiguration.class)
@ConditionalOnReloading
@ConditionalOnClass({ HtmlUtils.class, PathMappedEndpoints.class })
@ConditionalOnBooleanProperty(name = "reload-hook.dashboard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReloadHookProperties.class)
public final class ReloadDashboardAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ HttpServlet.class, DispatcherServletPath.class })
	static class ServletDashboardConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "reloadHookDashboard")
		ServletRegistrationBean<ReloadDashboardServlet> reloadHookDashboard(ReloadHookProperties properties,
				Environment environment, ObjectProvider<PathMappedEndpoints> endpoints,
				ObjectProvider<DispatcherServletPath> servletPath) {
			// The page posts to the endpoint where actuator really serves it: its path
			// mapping, under the dispatcher servlet's path.
			Supplier<String> endpointPath = ReloadEndpointGuardConfiguration.ServletGuardConfiguration
				.servletPath(endpoints, environment, servletPath);
			String path = properties.getDashboard().getPath();
			String mapping = (path.endsWith("/") ? path : path + "/") + "*";
			ServletRegistrationBean<ReloadDashboardServlet> registration = new ServletRegistrationBean<>(
					new ReloadDashboardServlet(endpointPath), mapping);
			registration.setName("reloadHookDashboard");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(RouterFunction.class)
	static class WebFluxDashboardConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "reloadHookDashboard")
		RouterFunction<ServerResponse> reloadHookDashboard(ReloadHookProperties properties, Environment environment,
				ObjectProvider<PathMappedEndpoints> endpoints) {
			return new ReloadDashboardRoute(properties.getDashboard().getPath(),
					ReloadEndpointGuardConfiguration.endpointPath(endpoints, environment))
				.routerFunction();
		}

	}

}
