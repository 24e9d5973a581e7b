package dev.reloadhook.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.BrowserClient;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bean tier on a Spring Security application (its own {@code SecurityFilterChain}: form
 * login, HTTP basic, a URL rule and method security), over real HTTP: a controller
 * replaced in place keeps the logged-in session authorised and gets the same rules as at
 * startup, and a change to the security configuration restarts with the reason logged.
 */
class BeanTierSecurityIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final String CONTROLLER = "app.SecuredController";

	private static final String RULES = "app.SecurityRules";

	@Test
	void aReplacedControllerKeepsTheSessionAuthorisedAndGetsTheSecurityRulesOfStartup() throws Exception {
		SourceProject project = securedProject("");
		BrowserClient user = start(project);
		BrowserClient anonymous = new BrowserClient(user.port());
		Http http = new Http(user.port());
		assertThat(user.get("/whoami").statusCode()).as("not logged in yet").isEqualTo(302);
		user.login("user", "secret");
		assertThat(user.get("/whoami").body()).isEqualTo("v1 user");
		String session = user.sessionId();

		project.recompile(CONTROLLER, controller("v2", ADDED_HANDLERS));
		await().atMost(RELOAD_TIMEOUT).until(() -> user.get("/whoami").body(), "v2 user"::equals);
		assertThat(http.lastAppliedReload()).containsEntry("tier", "bean").containsEntry("generation", 1)
			.containsEntry("outcome", "success");
		// The same login, the new code.
		assertThat(user.sessionId()).isEqualTo(session);
		assertThat(user.get("/whoami/name").body()).isEqualTo("user");
		// Unauthenticated: the login page for a browser, 401 for wrong basic credentials.
		assertThat(anonymous.get("/whoami/name")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					(location) -> assertThat(location).endsWith("/login"));
		});
		assertThat(anonymous.getAs("user", "wrong", "/whoami/name").statusCode()).isEqualTo(401);
		// The URL rule and method security (@PreAuthorize on the new bean's proxy).
		assertThat(user.get("/admin/stats").statusCode()).isEqualTo(403);
		assertThat(user.get("/reports").statusCode()).isEqualTo(403);
		assertThat(anonymous.getAs("admin", "secret", "/admin/stats").body()).isEqualTo("stats");
		assertThat(anonymous.getAs("admin", "secret", "/reports").body()).isEqualTo("reports");
		assertThat(this.application.lines("Generation \\d+ serving in")).hasSize(1);

		// The security configuration changed with the controller: a restart applies both,
		// and one line says why the bean tier was not used.
		project.source(RULES, rules("\"/open\""));
		project.source(CONTROLLER, controller("v3", ADDED_HANDLERS + OPEN_HANDLER));
		project.compile(List.of(RULES, CONTROLLER));
		await().atMost(RELOAD_TIMEOUT).until(() -> anonymous.get("/open").body(), "open"::equals);
		assertThat(http.lastAppliedReload()).containsEntry("tier", "restart").containsEntry("generation", 2)
			.extractingByKey("reason")
			.asString()
			.contains("not for the bean tier: app.SecurityRules is annotated with @Configuration");
		assertThat(this.application.lines("Bean tier not used")).singleElement()
			.asString()
			.contains("app.SecurityRules is annotated with @Configuration");
		assertThat(user.get("/whoami").body()).as("logged in after the restart").isEqualTo("v3 user");
		assertThat(user.get("/reports").statusCode()).isEqualTo(403);
		assertThat(anonymous.get("/whoami").statusCode()).isEqualTo(302);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	/**
	 * A rule changed alone, in the security DSL's lambda within a {@code @Bean} method:
	 * Spring ran that method once, at start, so a hot swap would leave the filter chain as it
	 * was. It restarts, and the new rule applies.
	 */
	@Test
	void aRuleChangedAloneRestartsAndApplies() throws Exception {
		SourceProject project = securedProject(OPEN_HANDLER);
		BrowserClient anonymous = start(project);
		Http http = new Http(anonymous.port());
		assertThat(anonymous.get("/open").statusCode()).as("not open yet").isEqualTo(302);
		project.recompile(RULES, rules("\"/open\""));
		await().atMost(RELOAD_TIMEOUT).until(() -> anonymous.get("/open").body(), "open"::equals);
		assertThat(http.lastAppliedReload()).containsEntry("tier", "restart").containsEntry("generation", 2)
			.extractingByKey("reason")
			.asString()
			.startsWith("a @Bean method of app.SecurityRules changed (it runs only when the context starts)");
	}

	/**
	 * Spring Security keeps, in static annotation scanners shared by every generation, a
	 * cache of the annotations it found on each secured method: an old generation whose
	 * secured methods ran must not stay reachable through it.
	 */
	@Test
	void generationsWhoseSecuredMethodsRanAreCollected() throws Exception {
		SourceProject project = securedProject(ADDED_HANDLERS);
		BrowserClient anonymous = start(project);
		Http http = new Http(anonymous.port());
		for (int next = 2; next <= 4; next++) {
			int generation = next;
			assertThat(anonymous.getAs("admin", "secret", "/reports").body()).isEqualTo("reports");
			http.restartTo(generation);
			http.awaitReloadFinished();
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live == 1);
	}

	private static final String ADDED_HANDLERS = """

				@GetMapping("/whoami/name")
				public String name(java.security.Principal principal) {
					return principal.getName();
				}

				@GetMapping("/admin/stats")
				public String stats() {
					return "stats";
				}

				@GetMapping("/reports")
				@org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
				public String reports() {
					return "reports";
				}
			""";

	private static final String OPEN_HANDLER = """

				@GetMapping("/open")
				public String open() {
					return "open";
				}
			""";

	private BrowserClient start(SourceProject project) throws Exception {
		String classPath = project.classes() + File.pathSeparator + AppLibraries.classPathWith("security");
		this.application = RunningApplication.start(classPath, List.of(), TestApp.MAIN,
				"--reload-hook.bean-tier.enabled=true");
		BrowserClient client = new BrowserClient(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		return client;
	}

	private SourceProject securedProject(String handlers) throws IOException {
		SourceProject project = TestApp.create(this.temp);
		for (Path jar : AppLibraries.jars("security")) {
			project.library(jar);
		}
		project.resource("application.properties", "spring.main.banner-mode=off\n");
		project.source(RULES, rules());
		project.source(CONTROLLER, controller("v1", handlers));
		project.compileAll();
		return project;
	}

	private static String rules(String... openPaths) {
		String open = (openPaths.length > 0) ? ".requestMatchers(" + String.join(", ", openPaths) + ").permitAll()" : "";
		return """
				package app;

				import org.springframework.context.annotation.Bean;
				import org.springframework.context.annotation.Configuration;
				import org.springframework.security.config.Customizer;
				import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
				import org.springframework.security.config.annotation.web.builders.HttpSecurity;
				import org.springframework.security.core.userdetails.User;
				import org.springframework.security.core.userdetails.UserDetailsService;
				import org.springframework.security.provisioning.InMemoryUserDetailsManager;
				import org.springframework.security.web.SecurityFilterChain;

				@Configuration(proxyBeanMethods = false)
				@EnableMethodSecurity
				public class SecurityRules {

					@Bean
					public SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
						return http
							.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/**").permitAll()%s
								.requestMatchers("/admin/**").hasRole("ADMIN")
								.anyRequest().authenticated())
							.csrf((csrf) -> csrf.ignoringRequestMatchers("/actuator/**"))
							.formLogin(Customizer.withDefaults())
							.httpBasic(Customizer.withDefaults())
							.build();
					}

					@Bean
					public UserDetailsService users() {
						return new InMemoryUserDetailsManager(
								User.withUsername("user").password("{noop}secret").roles("USER").build(),
								User.withUsername("admin").password("{noop}secret").roles("ADMIN").build());
					}

				}
				""".formatted(open);
	}

	private static String controller(String version, String more) {
		return """
				package app;

				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RestController;

				@RestController
				public class SecuredController {

					@GetMapping("/whoami")
					public String whoami(java.security.Principal principal) {
						return "%s " + principal.getName();
					}
				%s
				}
				""".formatted(version, more);
	}

}
