package dev.reloadhook.it;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux application on Reactor Netty gets what a servlet one gets: saved sources
 * compiled and served, beans retained across reloads. (Its events, the debug relay, the
 * endpoint's guard and the dashboard are tried on every stack by the tests of each
 * feature.)
 */
class WebFluxIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final String EXTRA_CONTROLLER = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class Extra {

				@org.springframework.web.bind.annotation.GetMapping("/extra")
				public String extra() {
					return "extra";
				}

			}
			""";

	private static final String VISITS = """
			package app;

			import java.util.concurrent.atomic.AtomicInteger;

			import org.springframework.context.annotation.Bean;
			import org.springframework.context.annotation.Configuration;
			import org.springframework.web.bind.annotation.GetMapping;
			import org.springframework.web.bind.annotation.RestController;

			import dev.reloadhook.retain.RetainedAcrossReloads;

			@Configuration(proxyBeanMethods = false)
			public class Visits {

				@Bean
				@RetainedAcrossReloads
				public AtomicInteger visitCounter() {
					return new AtomicInteger();
				}

				@RestController
				public static class VisitsController {

					private final AtomicInteger visits;

					public VisitsController(AtomicInteger visits) {
						this.visits = visits;
					}

					@GetMapping("/visits")
					public int visit() {
						return this.visits.incrementAndGet();
					}

				}

			}
			""";

	private static final String SESSION_CONTROLLER = """
			package app;

			import org.springframework.web.bind.annotation.GetMapping;
			import org.springframework.web.bind.annotation.RequestParam;
			import org.springframework.web.bind.annotation.RestController;
			import org.springframework.web.server.WebSession;

			@RestController
			public class SessionController {

				@GetMapping("/cart/add")
				public String add(@RequestParam String item, WebSession session) {
					// A class of this generation: a cart of an older one would fail here.
					Cart cart = (Cart) session.getAttributes().get("cart");
					if (cart == null) {
						cart = new Cart();
					}
					cart.add(item);
					session.getAttributes().put("cart", cart);
					return cart.toString();
				}

				@GetMapping("/lock")
				public String lock(WebSession session) {
					boolean present = session.getAttributes().get("lock") != null;
					session.getAttributes().put("lock", new Object());
					return "lock=" + present;
				}

			}
			""";

	@Test
	void savedSourcesAreCompiledAndServed() throws Exception {
		Path project = this.temp.resolve("project");
		Path java = Files.createDirectories(project.resolve("src/main/java/app"));
		SourceProject compiled = new SourceProject(project.resolve("target/classes"));
		compiled.source(TestApp.MAIN, TestApp.appSource()).source(TestApp.CONTROLLER, TestApp.controller("v1"))
			.compileAll();
		Files.writeString(java.resolve("TestApp.java"), TestApp.appSource());
		Files.writeString(java.resolve("HelloController.java"), TestApp.controller("v1"));
		Http http = start(compiled);
		this.application.awaitLine("compiles changed sources of");

		Files.writeString(java.resolve("HelloController.java"), TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		http.awaitReloadFinished();
		assertThat(JsonPath.<String>read(http.body("/actuator/reload"), "$.last.tier")).isEqualTo("hotswap");

		Files.writeString(java.resolve("Extra.java"), EXTRA_CONTROLLER);
		await().atMost(RELOAD_TIMEOUT).ignoreExceptions().until(() -> http.body("/extra"), "extra"::equals);
		http.awaitReloadFinished();
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<String>read(state, "$.last.tier")).isEqualTo("restart");
		assertThat(JsonPath.<Integer>read(state, "$.generation")).isEqualTo(2);
		assertThat(http.body("/hello")).isEqualTo("v2");
	}

	@Test
	void retainedBeanKeepsItsStateAcrossReloads() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.recompile("app.Visits", VISITS);
		Http http = start(project);
		assertThat(http.body("/visits")).isEqualTo("1");
		for (int generation = 2; generation <= 3; generation++) {
			http.restartTo(generation);
			// The same counter: a new one would start again at 1.
			assertThat(http.body("/visits")).isEqualTo(String.valueOf(generation));
		}
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<List<Integer>>read(state, "$.retained[?(@.name == 'visitCounter')].createdBy"))
			.containsExactly(1);
		assertThat(JsonPath.<List<Integer>>read(state, "$.retained[?(@.name == 'visitCounter')].lastUsedBy"))
			.containsExactly(3);
	}

	@Test
	void webSessionsSurviveRestartsWithTheirValuesInTheNewGeneration() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.Cart", TestApp.cart()).source("app.SessionController", SESSION_CONTROLLER).compileAll();
		Http http = start(project);
		BrowserClient client = new BrowserClient(this.application.awaitPort());
		assertThat(client.get("/cart/add?item=apple").body()).isEqualTo("[apple]");
		assertThat(client.get("/lock").body()).isEqualTo("lock=false");
		assertThat(client.get("/lock").body()).isEqualTo("lock=true");
		for (int generation = 2; generation <= 4; generation++) {
			http.restartTo(generation);
			assertThat(client.get("/cart/add?item=pear" + generation).body()).as("cart in generation %d", generation)
				.startsWith("[apple, pear2")
				.endsWith("pear" + generation + "]");
		}
		assertThat(client.get("/lock").body()).isEqualTo("lock=false");
		List<String> dropped = this.application.lines("was dropped on reload");
		assertThat(dropped).hasSize(1);
		assertThat(dropped.get(0)).contains("'lock'").contains("(java.lang.Object)");
		// The sessions carried across restarts keep no replaced generation in memory.
		await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(http.body("/actuator/reload"), "$.liveGenerations");
		}, (live) -> live <= 2);
	}

	@Test
	void aFormLoginStaysLoggedInAcrossRestarts() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.resource("application.properties", """
				spring.main.banner-mode=off
				spring.security.user.name=user
				spring.security.user.password=secret
				""");
		project.source("app.WhoAmI", whoAmI("v1")).compileAll();
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + AppLibraries.classPathWith(Server.NETTY, "security"), List.of(),
				TestApp.MAIN, "--reload-hook.hotswap.enabled=false");
		BrowserClient client = new BrowserClient(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		client.login("user", "secret");
		assertThat(client.get("/whoami").body()).isEqualTo("v1 user");
		for (int generation = 2; generation <= 4; generation++) {
			project.recompile("app.WhoAmI", whoAmI("v" + generation));
			this.application.awaitLines("Generation \\d+ serving in", generation);
			HttpResponse<String> whoami = client.get("/whoami");
			assertThat(whoami.statusCode()).as("logged in in generation %d", generation).isEqualTo(200);
			assertThat(whoami.body()).isEqualTo("v" + generation + " user");
		}
	}

	private static String whoAmI(String version) {
		return """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class WhoAmI {

					@org.springframework.web.bind.annotation.GetMapping("/whoami")
					public reactor.core.publisher.Mono<String> whoami(reactor.core.publisher.Mono<java.security.Principal> user) {
						return user.map((principal) -> "%s " + principal.getName());
					}

				}
				""".formatted(version);
	}

	/**
	 * A client that asks again at once on its keep-alive connection, as the dashboard and
	 * scripts waiting for a reload do, is always answered: the endpoint's responses end off
	 * the event loop, which made Reactor Netty stop reading such a connection now and then
	 * (see {@code ReactorNettyDefaults}).
	 */
	@Test
	void clientAskingAgainAtOnceOnOneConnectionIsAlwaysAnswered() throws Exception {
		Http http = start(TestApp.create(this.temp));
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		int answered = 0;
		while (answered < 2000 && System.nanoTime() < deadline) {
			assertThat(http.get("/actuator/reload").statusCode()).isEqualTo(200);
			assertThat(http.body("/hello")).isEqualTo("v1");
			answered += 2;
		}
		assertThat(answered).isGreaterThan(100);
	}

	private Http start(SourceProject project) throws Exception {
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(Server.NETTY), List.of(),
				TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		assertThat(this.application.lines("Netty started on port")).isNotEmpty();
		return http;
	}

}
