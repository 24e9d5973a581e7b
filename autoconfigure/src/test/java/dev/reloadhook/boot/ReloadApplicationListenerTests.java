package dev.reloadhook.boot;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
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

	private static final String OFF_IN_TESTS = "reload-hook is off: running in tests (set reload-hook.enabled=true";

	@BeforeEach
	void startAsTheFirstApplicationOfTheJvm() {
		// Other tests of this JVM may have started applications before.
		ReloadApplicationListener.forgetDecision();
	}

	@Test
	void applicationStartedInTestsRunsNormallyAndSaysReloadingIsOff(CapturedOutput output) {
		run();
		assertThat(output).contains(OFF_IN_TESTS);
		assertThat(ReloadRuntime.current()).isNull();
	}

	@Test
	void onlyTheFirstApplicationOfTheJvmDecides(CapturedOutput output) {
		run();
		run();
		assertThat(output.getOut().split(Pattern.quote(OFF_IN_TESTS), -1)).as("'off' lines in:%n%s", output).hasSize(2);
		assertThat(ReloadRuntime.current()).isNull();
	}

	private static void run() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.web(WebApplicationType.NONE)
			.run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
