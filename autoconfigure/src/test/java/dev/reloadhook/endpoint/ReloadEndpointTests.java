package dev.reloadhook.endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.ReloadCoordinator;
import dev.reloadhook.restart.ClassDirectories;
import dev.reloadhook.restart.MainMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReloadEndpoint}, used directly.
 */
class ReloadEndpointTests {

	@TempDir
	Path temp;

	@Test
	void createWhenCoordinatorIsNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReloadEndpoint(null))
			.withMessage("'coordinator' must not be null");
	}

	@Test
	void reloadBeforeAnyGenerationIsIdleWithNothingToShow() throws Exception {
		ReloadEndpoint endpoint = new ReloadEndpoint(coordinator("no.such.Main"));
		ReloadEndpoint.ReloadStateDescriptor state = endpoint.reload();
		assertThat(state.generation()).isZero();
		assertThat(state.state()).isEqualTo("idle");
		assertThat(state.reloads().total()).isZero();
		assertThat(state.last()).isNull();
		assertThat(state.history()).isEmpty();
	}

	@Test
	void triggerRunsAReloadWhoseFailureIsShown() throws Exception {
		ReloadEndpoint endpoint = new ReloadEndpoint(coordinator("no.such.Main"));
		assertThat(endpoint.trigger().requested()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.reload().reloads().failed() == 1);
		ReloadEndpoint.ReloadStateDescriptor state = endpoint.reload();
		assertThat(state.last()).isNotNull();
		assertThat(state.last().trigger()).isEqualTo("manual");
		assertThat(state.last().outcome()).isEqualTo("failure");
		assertThat(state.last().error()).isEqualTo("ClassNotFoundException: no.such.Main");
		assertThat(state.last().phasesMs()).containsKey("refresh");
		assertThat(state.generation()).isZero();
		assertThat(state.state()).isEqualTo("idle");
	}

	private ReloadCoordinator coordinator(String mainClass) throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		return new ReloadCoordinator(new MainMethod(mainClass), new String[0],
				ClassDirectories.fromClassPath(classes.toString()), new ReloadHookProperties());
	}

}
