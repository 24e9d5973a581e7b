package dev.reloadhook.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generations after the first start with the library's cached metadata warm (a closing
 * generation only removes its own entries): they must still build exactly what a cold
 * start of the same code builds, and see a changed property as a cold start would.
 */
class WarmCachesIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(120);

	private static final String EXPOSE = "--management.endpoints.web.exposure.include=conditions,mappings,beans,reload";

	private static final String FEATURE = "app.FeatureController";

	/** How the condition evaluation report names the feature's class. */
	private static final String FEATURE_CONDITION = "FeatureController";

	/**
	 * A retained pool makes the DataSource conditions of later generations differ from the
	 * first on purpose: these tests are about caches.
	 */
	private static final String NO_RETAINED_POOL = "--reload-hook.retain.datasource.enabled=false";

	@Test
	void restartWithWarmCachesBuildsTheSameBeansMappingsAndConditionsAsTheColdStart() throws Exception {
		SourceProject project = featureApp();
		Http http = start(project, List.of(), EXPOSE, NO_RETAINED_POOL);
		http.awaitReloadFinished();
		Report cold = Report.of(http);
		for (int generation = 2; generation <= 3; generation++) {
			restart(http, generation);
		}
		Report warm = Report.of(http);
		assertThat(warm.positive()).isEqualTo(cold.positive());
		assertThat(warm.negative()).isEqualTo(cold.negative());
		assertThat(warm.beans()).isEqualTo(cold.beans());
		assertThat(warm.mappings()).isEqualTo(cold.mappings());
		// Not vacuous: the reports hold what a Boot web application has.
		assertThat(cold.positive()).containsKey("DispatcherServletAutoConfiguration");
		assertThat(cold.negative()).containsKey(FEATURE_CONDITION);
		assertThat(cold.mappings()).anyMatch((mapping) -> mapping.contains("/hello"));
	}

	@Test
	void propertyThatFlipsAConditionIsSeenByTheNextGeneration() throws Exception {
		SourceProject project = featureApp();
		Http http = start(project, List.of(), EXPOSE);
		http.awaitReloadFinished();
		assertThat(http.get("/feature").statusCode()).isEqualTo(404);
		restart(http, 2);
		project.resource("application.properties", "spring.main.banner-mode=off\napp.feature=on\n");
		await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(50))
			.until(() -> http.get("/feature").statusCode() == 200);
		http.awaitReloadFinished();
		assertThat(http.body("/feature")).isEqualTo("feature on");
		assertThat(Report.of(http).positive()).containsKey(FEATURE_CONDITION);
		project.resource("application.properties", "spring.main.banner-mode=off\napp.feature=off\n");
		await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(50))
			.until(() -> http.get("/feature").statusCode() == 404);
		http.awaitReloadFinished();
		assertThat(Report.of(http).negative()).containsKey(FEATURE_CONDITION);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	private SourceProject featureApp() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source(FEATURE, """
				package app;

				import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RestController;

				@RestController
				@ConditionalOnProperty(name = "app.feature", havingValue = "on")
				public class FeatureController {

					@GetMapping("/feature")
					public String feature() {
						return "feature on";
					}

				}
				""");
		project.compile(List.of(FEATURE));
		return project;
	}

	private static void restart(Http http, int generation) {
		http.restartTo(generation);
		http.awaitReloadFinished();
	}

	/**
	 * What a generation built, as its actuator endpoints report it: condition outcomes by
	 * class or method, bean types by name, request mapping predicates.
	 */
	private record Report(Map<String, Object> positive, Map<String, Object> negative, Map<String, String> beans,
			List<String> mappings) {

		static Report of(Http http) {
			// reload-hook's own condition names the generation it matched in: the one
			// outcome that differs between generations by design.
			String conditions = http.body("/actuator/conditions")
				.replaceAll("\"generation \\d+\"", "\"generation N\"");
			String beans = http.body("/actuator/beans");
			String mappings = http.body("/actuator/mappings");
			Map<String, Object> positive = new TreeMap<>(
					JsonPath.<List<Map<String, Object>>>read(conditions, "$.contexts.*.positiveMatches").get(0));
			Map<String, Object> negative = new TreeMap<>(
					JsonPath.<List<Map<String, Object>>>read(conditions, "$.contexts.*.negativeMatches").get(0));
			Map<String, String> types = new TreeMap<>();
			JsonPath.<List<Map<String, Map<String, Object>>>>read(beans, "$.contexts.*.beans")
				.get(0)
				// A lambda's hidden class is numbered anew in every generation.
				.forEach((name, bean) -> types.put(name,
						String.valueOf(bean.get("type")).replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda")));
			List<String> predicates = JsonPath
				.<List<String>>read(mappings, "$.contexts.*.mappings.dispatcherServlets.*[*].predicate")
				.stream()
				.sorted()
				.toList();
			return new Report(positive, negative, types, predicates);
		}

	}

}
