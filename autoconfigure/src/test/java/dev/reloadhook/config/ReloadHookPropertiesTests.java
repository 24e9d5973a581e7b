package dev.reloadhook.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReloadHookProperties}.
 */
class ReloadHookPropertiesTests {

	private final ReloadHookProperties properties = new ReloadHookProperties();

	@Test
	void dashboardIsOnAtReloadHookByDefault() {
		assertThat(this.properties.getDashboard().isEnabled()).isTrue();
		assertThat(this.properties.getDashboard().getPath()).isEqualTo("/reload-hook");
	}

	@Test
	void dashboardPathMustStartWithASlash() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getDashboard().setPath("dashboard"))
			.withMessage("'path' must start with '/'");
	}

	@Test
	void dashboardPathMustNotBeTheRoot() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getDashboard().setPath("/"))
			.withMessage("'path' must have length greater than 1");
	}

}
