package dev.reloadhook.autoconfigure;

import dev.reloadhook.boot.ReloadRuntime;
import dev.reloadhook.observe.endpoint.ReloadEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

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
		ReloadRuntime runtime = ReloadRuntime.current();
		if (runtime == null) {
			throw new IllegalStateException("reload-hook is not active");
		}
		return new ReloadEndpoint(runtime.state(), runtime.coordinator(), runtime.snapshots(),
				runtime.leaks()::suspects, runtime.retainedResources()::describe);
	}

	/**
	 * Return the path of the {@code reload} endpoint, relative to the servlet context
	 * path.
	 */
	static String endpointPath(Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		return (basePath.endsWith("/") ? basePath : basePath + "/") + "reload";
	}

}
