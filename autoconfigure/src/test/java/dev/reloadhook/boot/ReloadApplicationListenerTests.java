package dev.reloadhook.boot;

import dev.reloadhook.reload.ReloadCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadApplicationListener} inside a test JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReloadApplicationListenerTests {

	@Test
	void applicationStartedInTestsRunsNormallyAndSaysReloadingIsOff(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.web(WebApplicationType.NONE)
			.run()) {
			assertThat(context.isActive()).isTrue();
		}
		assertThat(output).contains("reload-hook is off: running in tests (set reload-hook.enabled=true");
		assertThat(ReloadCoordinator.instance()).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
