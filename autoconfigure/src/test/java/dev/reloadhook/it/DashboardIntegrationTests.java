package dev.reloadhook.it;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.BrowserClient;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
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

	/**
	 * Spring Boot's default security (every page behind a login, CSRF protection on every
	 * POST): the page a logged-in user opens carries the CSRF token of its request, and
	 * its reload requests, sent with it, are accepted.
	 */
	@Test
	void reloadsFromThePageUnderSpringSecurityDefaults() throws Exception {
		reloadFromThePageWithSecurity(AppLibraries.classPathWith("security"));
	}

	@Test
	void reloadsFromThePageUnderSpringSecurityDefaultsOnWebFlux() throws Exception {
		reloadFromThePageWithSecurity(
				TestClassPath.asString(Server.NETTY) + File.pathSeparator + AppLibraries.classPathWith("security"));
	}

	private void reloadFromThePageWithSecurity(String libraries) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		for (Path jar : AppLibraries.jars("security")) {
			project.library(jar);
		}
		project.resource("application.properties",
				"spring.security.user.name=user\nspring.security.user.password=secret\n");
		project.compileAll();
		this.application = RunningApplication.start(project.classes() + File.pathSeparator + libraries, List.of(),
				TestApp.MAIN);
		BrowserClient user = new BrowserClient(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		user.login("user", "secret");
		HttpResponse<String> page = user.get("/reload-hook");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher header = meta("csrf-header", page.body());
		Matcher token = meta("csrf-token", page.body());
		assertThat(header.find()).as("CSRF header in the page").isTrue();
		assertThat(token.find()).as("CSRF token in the page").isTrue();
		assertThat(user.post("/actuator/reload").statusCode()).as("without the token").isEqualTo(403);
		assertThat(user.post("/actuator/reload", header.group(1), token.group(1)).statusCode()).isBetween(200, 299);
		this.application.awaitLine("Generation 2 serving");
	}

	private static Matcher meta(String name, String page) {
		return Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\">").matcher(page);
	}

	@Test
	void absentWhenSwitchedOff() throws Exception {
		Http http = start(TestApp.create(this.temp), List.of(), "--reload-hook.dashboard.enabled=false");
		assertThat(http.get("/reload-hook").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/reload").statusCode()).isEqualTo(200);
	}

}
