package dev.reloadhook.autoconfigure;

import dev.reloadhook.endpoint.LoopbackWriteFilter;
import dev.reloadhook.endpoint.ReloadEndpoint;
import dev.reloadhook.reload.ReloadCoordinator;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the {@code reload} actuator endpoint.
 *
 * @author reload-hook
 */
@AutoConfiguration(after = ReloadHookAutoConfiguration.class)
@ConditionalOnReloading
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(ReloadEndpoint.class)
public final class ReloadEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReloadEndpoint reloadEndpoint() {
		ReloadCoordinator coordinator = ReloadCoordinator.instance();
		if (coordinator == null) {
			throw new IllegalStateException("reload-hook is not active");
		}
		return new ReloadEndpoint(coordinator);
	}

	/**
	 * Return the path of the {@code reload} endpoint, relative to the servlet context
	 * path.
	 */
	static String endpointPath(Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		return (basePath.endsWith("/") ? basePath : basePath + "/") + "reload";
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(OncePerRequestFilter.class)
	@ConditionalOnBooleanProperty(name = "reload-hook.endpoint.allow-remote-writes", havingValue = false,
			matchIfMissing = true)
	static class LoopbackWritesConfiguration {

		@Bean
		FilterRegistrationBean<LoopbackWriteFilter> reloadHookLoopbackWriteFilter(Environment environment) {
			String path = endpointPath(environment);
			FilterRegistrationBean<LoopbackWriteFilter> registration = new FilterRegistrationBean<>(
					new LoopbackWriteFilter());
			registration.addUrlPatterns(path, path + "/*");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
