package dev.reloadhook.demo;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo service, run as a developer runs it (from its class directory, reload-hook
 * active), leaves nothing behind across 50 reloads: every closed generation is collected
 * and no leak suspect is reported.
 */
class DemoReloadLeakIntegrationTests extends ApplicationTests {

	@Test
	void fiftyReloadsLeaveNoLeakSuspectAndEveryClosedGenerationIsCollected() throws Exception {
		this.application = RunningApplication.start(TestClassPath.whole(), DemoApplication.class.getName(),
				"--reload-hook.leaks.quiet-period=200ms");
		Http http = new Http(this.application.awaitPort());
		for (int i = 1; i <= 50; i++) {
			http.restartTo(i + 1);
			http.awaitReloadFinished();
			assertThat(http.body("/api/items")).startsWith("[");
		}
		// A few collections (the leak detector never forces one): only a leak keeps a
		// generation.
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live == 1);
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<List<Object>>read(state, "$.leaks")).isEmpty();
		assertThat(JsonPath.<Integer>read(state, "$.reloads.failed")).isZero();
		assertThat(this.application.lines("Leak suspect")).isEmpty();
	}

}
