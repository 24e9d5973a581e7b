package dev.reloadhook.it;

import java.io.File;
import java.util.List;

import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DevTools' development defaults apply while reloading, below the user's own settings;
 * after a restart, what changed in the condition evaluation is logged in one line when
 * anything did.
 */
class DevDefaultsIntegrationTests extends ApplicationTests {

	private static final String RESTARTS_ONLY = "--reload-hook.hotswap.enabled=false";

	@Test
	void devToolsDefaultsApplyBelowTheUsersSettings() throws Exception {
		SourceProject project = project();
		Http http = start(project, List.of());
		assertThat(http.body("/property?name=spring.web.error.include-message")).isEqualTo("always");
		assertThat(http.body("/property?name=spring.mvc.log-resolved-exception")).isEqualTo("true");
		assertThat(http.body("/property?name=spring.template.provider.cache")).isEqualTo("false");
		assertThat(http.body("/property?name=spring.thymeleaf.cache")).isEqualTo("false");
		assertThat(http.body("/property?name=spring.web.error.include-stacktrace")).as("the user's setting wins")
			.isEqualTo("never");
		assertThat(http.body("/property?name=server.servlet.session.persistent"))
			.as("sessions are handed over in memory").isEqualTo("unset");
	}

	@Test
	void aSavedFreeMarkerTemplateIsServedByTheNextRequest() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.resource("templates/greeting.ftlh", "Hello ${name} v1");
		project.recompile("app.GreetingController", """
				package app;

				import java.util.Map;

				import org.springframework.stereotype.Controller;
				import org.springframework.web.bind.annotation.GetMapping;

				@Controller
				public class GreetingController {

					@GetMapping("/greeting")
					public String greeting(Map<String, Object> model) {
						model.put("name", "Andy");
						return "greeting";
					}

				}
				""");
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + AppLibraries.classPathWith("freemarker"), List.of(),
				TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		assertThat(http.body("/greeting")).isEqualTo("Hello Andy v1");
		// FreeMarker looks at a template's file again only every five seconds by default.
		project.resource("templates/greeting.ftlh", "Hello ${name} v2");
		assertThat(http.body("/greeting")).isEqualTo("Hello Andy v2");
		assertThat(this.application.lines("Generation \\d+ (serving|hot-swapped|replaced)")).hasSize(1);
	}

	@Test
	void conditionEvaluationDeltaIsLoggedAfterARestartThatChangedIt() throws Exception {
		SourceProject project = project();
		Http http = start(project, List.of(), RESTARTS_ONLY);
		assertThat(http.body("/feature")).isEqualTo("fallback");
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		this.application.awaitLines("Generation \\d+ serving in", 2);
		project.recompile("app.Feature", """
				package app;

				@org.springframework.stereotype.Component("feature")
				public class Feature implements java.util.function.Supplier<String> {

					@Override
					public String get() {
						return "feature";
					}

				}
				""");
		this.application.awaitLines("Generation \\d+ serving in", 3);
		assertThat(http.body("/feature")).isEqualTo("feature");
		// Generation 2 may report the DataSource auto-configuration backing off for the
		// retained pool: a real difference, but not the one this test is about.
		List<String> deltas = this.application.lines("Condition evaluation delta.*Feature");
		assertThat(deltas).as("one delta, after the restart that flipped the condition").hasSize(1);
		assertThat(deltas.get(0)).contains("generation 3").contains("no longer matching [")
			.contains("FeatureConfiguration#feature");
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v4"));
		this.application.awaitLines("Generation \\d+ serving in", 4);
		assertThat(http.body("/hello")).isEqualTo("v4");
		assertThat(this.application.lines("Condition evaluation delta in generation [3-9]"))
			.as("nothing logged after a restart that changed no condition").hasSize(1);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	private SourceProject project() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.resource("application.properties", """
				spring.main.banner-mode=off
				spring.web.error.include-stacktrace=never
				""");
		project.source("app.FeatureConfiguration", """
				package app;

				import java.util.function.Supplier;

				import org.springframework.beans.factory.annotation.Qualifier;
				import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
				import org.springframework.context.annotation.Bean;
				import org.springframework.context.annotation.Configuration;
				import org.springframework.core.env.Environment;
				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RequestParam;
				import org.springframework.web.bind.annotation.RestController;

				@Configuration(proxyBeanMethods = false)
				public class FeatureConfiguration {

					@Bean
					@ConditionalOnMissingBean(name = "feature")
					public Supplier<String> feature() {
						return () -> "fallback";
					}

					@RestController
					public static class FeatureController {

						private final Supplier<String> feature;

						private final Environment environment;

						public FeatureController(@Qualifier("feature") Supplier<String> feature, Environment environment) {
							this.feature = feature;
							this.environment = environment;
						}

						@GetMapping("/feature")
						public String feature() {
							return this.feature.get();
						}

						@GetMapping("/property")
						public String property(@RequestParam String name) {
							return this.environment.getProperty(name, "unset");
						}

					}

				}
				""");
		project.compileAll();
		return project;
	}

}
