package dev.reloadhook.it;

import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page, served over real HTTP by a reloading application.
 */
class DashboardIntegrationTests extends ApplicationTests {

	@Test
	void servesTheDashboardPageThatReadsTheReloadEndpoint() throws Exception {
		Http http = start(TestApp.create(this.temp), List.of(), "--management.endpoints.web.base-path=/manage");
		HttpResponse<String> page = http.get("/reload-hook");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.body()).contains("<meta name=\"reload-endpoint\" content=\"/manage/reload\">")
			.doesNotContain("http://")
			.doesNotContain("https://");
		assertThat((Integer) JsonPath.read(http.body("/manage/reload"), "$.generation")).isEqualTo(1);
	}

	@Test
	void absentWhenSwitchedOff() throws Exception {
		Http http = start(TestApp.create(this.temp), List.of(), "--reload-hook.dashboard.enabled=false");
		assertThat(http.get("/reload-hook").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/reload").statusCode()).isEqualTo(200);
	}

}
