package dev.reloadhook.autoconfigure;

import java.util.List;

import dev.reloadhook.observe.endpoint.ReloadEndpoint;
import dev.reloadhook.observe.leak.LeakDetector;
import dev.reloadhook.observe.snapshot.Snapshots;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.retain.RetainedResources;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

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
		Snapshots snapshots = coordinator.generationListener(Snapshots.class);
		Assert.state(snapshots != null, "Snapshots are not available");
		LeakDetector leaks = coordinator.generationListener(LeakDetector.class);
		RetainedResources retained = RetainedResources.get();
		return new ReloadEndpoint(coordinator, coordinator, snapshots,
				(leaks != null) ? leaks::suspects : List::of, retained::describe);
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
