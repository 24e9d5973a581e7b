package dev.reloadhook.autoconfigure;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

import dev.reloadhook.boot.ActiveRuntime;
import dev.reloadhook.observe.endpoint.ReloadEndpoint;
import dev.reloadhook.observe.guard.ServletRequestGuardFilter;
import dev.reloadhook.observe.metrics.ReloadMetrics;
import dev.reloadhook.reload.RecordedReloads;
import dev.reloadhook.reload.ReloadOutcome;
import dev.reloadhook.reload.ReloadTier;
import dev.reloadhook.reload.ReloadTrigger;
import dev.reloadhook.reload.cleanup.GlobalRegistryDetacher;
import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.serve.tomcat.ReloadingTomcatServletWebServerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadHookAutoConfiguration}, {@link ReloadEndpointAutoConfiguration} and
 * {@link ReloadDashboardAutoConfiguration}: inside a reloading generation they add the
 * shared server, the endpoint, its request guard, the meters and the dashboard; anywhere
 * else they add nothing.
 */
class ReloadHookAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ReloadHookAutoConfiguration.class,
			ReloadEndpointAutoConfiguration.class, ReloadDashboardAutoConfiguration.class,
			ReloadEndpointGuardConfiguration.class);

	@TempDir
	Path temp;

	private static int statusOfARemoteRead(ServletRequestGuardFilter filter, String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		request.setRemoteAddr("203.0.113.9");
		request.setLocalAddr("127.0.0.1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

	@Test
	void addsTheServerEndpointMetersAndDashboardInsideAGeneration() throws Exception {
		try (ActiveRuntime active = ActiveRuntime.activate(this.temp)) {
			RecordedReloads.record(active.runtime().state().history(), ReloadTrigger.manual(), ReloadTier.RESTART,
					ReloadOutcome.FAILURE, Duration.ofSeconds(1), 0);
			new WebApplicationContextRunner().withClassLoader(generation(1))
				.withConfiguration(CONFIGURATIONS)
				.withPropertyValues("management.endpoints.web.exposure.include=reload")
				.run((context) -> {
					assertThat(context).hasNotFailed()
						.hasSingleBean(ReloadingTomcatServletWebServerFactory.class)
						.hasSingleBean(ReloadEndpoint.class)
						.hasSingleBean(ReloadMetrics.class)
						.hasSingleBean(GlobalRegistryDetacher.class)
						.hasBean("reloadHookDashboard");
					FilterRegistrationBean<?> guard = context.getBean("reloadHookRequestGuardFilter",
							FilterRegistrationBean.class);
					assertThat(guard.getFilter()).isInstanceOf(ServletRequestGuardFilter.class);
					// Mapped to every path, it guards the endpoint's own.
					assertThat(guard.getUrlPatterns()).containsExactly("/*");
					ServletRequestGuardFilter filter = (ServletRequestGuardFilter) guard.getFilter();
					assertThat(statusOfARemoteRead(filter, "/actuator/reload")).isEqualTo(403);
					assertThat(statusOfARemoteRead(filter, "/actuator/reload/history")).isEqualTo(403);
					assertThat(statusOfARemoteRead(filter, "/actuator/reloads")).isEqualTo(200);
					assertThat(statusOfARemoteRead(filter, "/hello")).isEqualTo(200);
					// The endpoint reads the active runtime.
					assertThat(context.getBean(ReloadEndpoint.class).reloadState().reloads().failed()).isEqualTo(1);
				});
		}
	}

	@Test
	void keepsGuardingCrossSiteWritesInsideAGenerationWhenRemoteWritesAreAllowed() throws Exception {
		try (ActiveRuntime active = ActiveRuntime.activate(this.temp)) {
			new WebApplicationContextRunner().withClassLoader(generation(1))
				.withConfiguration(CONFIGURATIONS)
				.withPropertyValues("management.endpoints.web.exposure.include=reload",
						"reload-hook.endpoint.allow-remote-writes=true")
				.run((context) -> assertThat(context).hasNotFailed()
					.hasSingleBean(ReloadEndpoint.class)
					.hasBean("reloadHookRequestGuardFilter"));
		}
	}

	@Test
	void addsNothingToAnApplicationOutsideTheGenerationsWhileReloadingIsActive() throws Exception {
		try (ActiveRuntime active = ActiveRuntime.activate(this.temp)) {
			new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
				.withPropertyValues("management.endpoints.web.exposure.include=reload")
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(ReloadingTomcatServletWebServerFactory.class)
					.doesNotHaveBean(ReloadEndpoint.class)
					.doesNotHaveBean(ReloadMetrics.class)
					.doesNotHaveBean("reloadHookDashboard"));
		}
	}

	@Test
	void addsNothingOutsideAGeneration() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReloadEndpoint.class)
				.doesNotHaveBean(GlobalRegistryDetacher.class));
	}

	@Test
	void leavesTheWebServerToSpringBootOutsideAGeneration() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReloadingTomcatServletWebServerFactory.class));
	}

	@Test
	void servesNoDashboardOutsideAGeneration() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("reloadHookDashboard"));
	}

	/**
	 * A class loader of the given generation that finds everything in the test's class
	 * loader.
	 */
	private ClassLoader generation(int generation) {
		return new RestartClassLoader(generation, new URL[0], getClass().getClassLoader());
	}

}
