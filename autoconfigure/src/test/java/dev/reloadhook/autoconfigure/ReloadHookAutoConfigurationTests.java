package dev.reloadhook.autoconfigure;

import dev.reloadhook.endpoint.ReloadEndpoint;
import dev.reloadhook.micrometer.GlobalRegistryDetacher;
import dev.reloadhook.tomcat.ReloadingTomcatServletWebServerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadHookAutoConfiguration}, {@link ReloadEndpointAutoConfiguration} and
 * {@link ReloadDashboardAutoConfiguration} outside a reloading generation: they must add
 * nothing.
 */
class ReloadHookAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ReloadHookAutoConfiguration.class,
			ReloadEndpointAutoConfiguration.class, ReloadDashboardAutoConfiguration.class);

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

}
