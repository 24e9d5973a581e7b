package dev.reloadhook.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.DebuggableApp;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.Jdb;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bean tier, over real HTTP against an application in its own JVM: structural changes
 * to leaf controllers and new controllers are applied in the serving generation, and
 * anything else still restarts.
 */
class BeanTierIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final String BEAN_TIER = "--reload-hook.bean-tier.enabled=true";

	private static final String EXPOSE_MAPPINGS = "--management.endpoints.web.exposure.include=reload,mappings";

	private static final String GREETING = """
			package app;

			import org.springframework.web.bind.annotation.GetMapping;
			import org.springframework.web.bind.annotation.RequestParam;
			import org.springframework.web.bind.annotation.RestController;

			@RestController
			public class GreetingController {

				private final java.util.function.Supplier<String> supplier;

				public GreetingController(java.util.function.Supplier<String> supplier) {
					this.supplier = supplier;
				}

			%s
			}
			""";

	private static final String GREET_BY_NAME = """
				@GetMapping("/greet")
				public String greet(@RequestParam String name) {
					return "hello " + name;
				}
			""";

	private static final String BEAN_METHOD = """
				@GetMapping("/greet/bean")
				public String bean() {
					return "from " + this.supplier.get();
				}
			""";

	@Test
	void structuralChangesToLeafControllersAreAppliedInTheServingGeneration() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.recompile("app.GreetingController", GREETING.formatted(GREET_BY_NAME));
		Http http = startAndAwait(project);
		assertThat(http.body("/greet?name=a")).isEqualTo("hello a");

		// A new handler method, using a bean injected by the bean factory.
		project.recompile("app.GreetingController", GREETING.formatted(GREET_BY_NAME + BEAN_METHOD));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greet/bean"), "from bean"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1)
			.containsEntry("outcome", "success")
			.containsEntry("reason",
					"the structure of app.GreetingController changed; replaced in place: greetingController");
		assertThat(this.application.awaitLine("Generation 1 replaced beans in \\d+ ms \\(bean: .*replace \\d+"))
			.contains("app/GreetingController.class");

		// A changed request parameter.
		project.recompile("app.GreetingController",
				GREETING.formatted(GREET_BY_NAME.replace("@RequestParam String name", "@RequestParam String who")
					.replace("+ name", "+ who") + BEAN_METHOD));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greet?who=b"), "hello b"::equals);
		assertThat(http.get("/greet?name=b").statusCode()).isEqualTo(400);

		// A changed path and a removed handler method.
		project.recompile("app.GreetingController", GREETING.formatted(GREET_BY_NAME.replace("\"/greet\"", "\"/greeting\"")));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting?name=c"), "hello c"::equals);
		assertThat(http.get("/greet?name=c").statusCode()).isEqualTo(404);
		assertThat(http.get("/greet/bean").statusCode()).isEqualTo(404);

		// A new controller class.
		project.recompile("app.NewController", newController("/new"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/new"), "new"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1)
			.containsEntry("reason", "app.NewController is new; replaced in place: newController");
		// A body change to a class the bean tier defined again: hot swap would redefine the
		// version no longer in use.
		project.recompile("app.GreetingController",
				GREETING.formatted(GREET_BY_NAME.replace("\"/greet\"", "\"/greeting\"").replace("\"hello \"", "\"hi \"")));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greeting?name=e"), "hi e"::equals);
		assertThat(last(http)).containsEntry("tier", "bean")
			.containsEntry("reason", "method bodies of app.GreetingController changed; replaced in place: greetingController");
		String state = http.body("/actuator/reload");
		assertThat(JsonPath.<Integer>read(state, "$.reloads.byTier.bean.success")).isEqualTo(5);
		assertThat(JsonPath.<Integer>read(state, "$.reloads.byTier.restart.success")).isZero();

		// The same mapping table as a restart gives.
		Set<String> inPlace = applicationMappings(http);
		assertThat(inPlace).anyMatch((mapping) -> mapping.contains("/greeting"))
			.anyMatch((mapping) -> mapping.contains("/new"))
			.noneMatch((mapping) -> mapping.contains("/greet/bean"));
		assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
		await().atMost(RELOAD_TIMEOUT)
			.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"), (generation) -> generation == 2);
		assertThat(applicationMappings(http)).isEqualTo(inPlace);
		assertThat(http.body("/greeting?name=d")).isEqualTo("hi d");
		assertThat(http.body("/new")).isEqualTo("new");

		// The next bean-tier reload changes the new generation's mappings, not the retired one's.
		project.recompile("app.NewController", newController("/newer"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/newer"), "new"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 2);
		assertThat(http.get("/new").statusCode()).isEqualTo(404);
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	@Test
	void controllersUsingPackagePrivateCollaboratorsAreReplacedBesideThem() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.Greeting", "package app;\n\nrecord Greeting(String message, long number) {\n}\n");
		project.source("app.GreetingService", """
				package app;

				@org.springframework.stereotype.Service
				class GreetingService {

					private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

					Greeting greet(String name) {
						return new Greeting("hello " + name, this.count.incrementAndGet());
					}

				}
				""");
		project.source("app.GreetingController", packagePrivateController(""));
		project.compile(List.of("app.Greeting", "app.GreetingService", "app.GreetingController"));
		Http http = startAndAwait(project);
		assertThat(http.body("/greeting?name=a")).isEqualTo("{\"message\":\"hello a\",\"number\":1}");

		// A new handler method using a new package-private class: the service keeps its
		// state (the same bean).
		project.source("app.Shout", """
				package app;

				final class Shout {

					static String of(Greeting greeting) {
						return greeting.message().toUpperCase() + " #" + greeting.number();
					}

				}
				""");
		project.source("app.GreetingController", packagePrivateController(SHOUT.formatted("")));
		project.compile(List.of("app.Shout", "app.GreetingController"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/shout?name=b"), "HELLO B #2"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1);

		// Again, the package-private class as the previous reload defined it.
		project.recompile("app.GreetingController", packagePrivateController(SHOUT.formatted(" + \"!\"")));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/shout?name=c"), "HELLO C #3!"::equals);
		assertThat(last(http)).containsEntry("tier", "bean")
			.extractingByKey("reason")
			.asString()
			.endsWith("replaced in place: greetingController");

		// A new package-private controller.
		project.recompile("app.CountController", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				class CountController {

					private final GreetingService greetings;

					CountController(GreetingService greetings) {
						this.greetings = greetings;
					}

					@org.springframework.web.bind.annotation.GetMapping("/count")
					long count() {
						return this.greetings.greet("count").number();
					}

				}
				""");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/count"), "4"::equals);
		assertThat(last(http)).containsEntry("tier", "bean")
			.containsEntry("reason", "app.CountController is new; replaced in place: countController");
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.reloads.byTier.bean.success")).isEqualTo(3);
		assertThat(http.body("/greeting?name=d")).isEqualTo("{\"message\":\"hello d\",\"number\":5}");

		// Public classes go to a child class loader; a later version that needs the package
		// and uses one of them restarts, with one line saying why.
		project.source("app.Helper", "package app;\n\npublic class Helper {\n\n\tpublic static String help() {\n\t\treturn \"help\";\n\t}\n\n}\n");
		project.source("app.PublicController", publicController(false));
		project.compile(List.of("app.Helper", "app.PublicController"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/public"), "help"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1);
		assertThat(this.application.lines("Bean tier not used")).isEmpty();
		project.recompile("app.PublicController", publicController(true));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/public"), "help true"::equals);
		String reason = "app.PublicController needs package-private access and uses app.Helper,"
				+ " which an earlier bean-tier reload defined in a child class loader";
		assertThat(last(http)).containsEntry("tier", "restart").containsEntry("generation", 2)
			.extractingByKey("reason")
			.asString()
			.endsWith("not for the bean tier: " + reason);
		assertThat(this.application.lines("Bean tier not used")).singleElement().asString().endsWith(reason);
		// The restart serves the same, from a new service.
		assertThat(http.body("/shout?name=e")).isEqualTo("HELLO E #1!");
		assertThat(http.body("/count")).isEqualTo("2");
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	private static String publicController(boolean usesTheService) {
		return """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class PublicController {

					private final %1$s greetings;

					public PublicController(%1$s greetings) {
						this.greetings = greetings;
					}

					@org.springframework.web.bind.annotation.GetMapping("/public")
					public String answer() {
						return Helper.help()%2$s;
					}

				}
				""".formatted(usesTheService ? "GreetingService" : "java.util.function.Supplier<String>",
				usesTheService ? " + \" \" + (this.greetings != null)" : "");
	}

	@Test
	void aChangeOtherClassesReferToOrAConfigurationChangeRestarts() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.GreetingService", greetingService("hello"));
		project.source("app.GreetingController", """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class GreetingController {

					private final GreetingService service;

					public GreetingController(GreetingService service) {
						this.service = service;
					}

					@org.springframework.web.bind.annotation.GetMapping("/greet")
					public String greet() {
						return this.service.greeting();
					}

				}
				""");
		project.compile(List.of("app.GreetingService", "app.GreetingController"));
		Http http = startAndAwait(project);
		assertThat(http.body("/greet")).isEqualTo("hello");

		// A service the controller injects is not a leaf.
		project.recompile("app.GreetingService", greetingService("hi").replace("}\n\n}", "}\n\n\tpublic int added() {\n\t\treturn 1;\n\t}\n\n}"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/greet"), "hi"::equals);
		assertThat(last(http)).containsEntry("tier", "restart").containsEntry("generation", 2)
			.extractingByKey("reason")
			.asString()
			.contains("not for the bean tier: app.GreetingController refers to app.GreetingService");

		// A leaf controller changed together with a configuration class.
		project.source("app.Beans", """
				package app;

				@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
				public class Beans {

					@org.springframework.context.annotation.Bean
					public java.util.function.Supplier<String> supplier() {
						return () -> "bean2";
					}

				}
				""");
		project.source("app.NewController", newController("/supplied"));
		project.compile(List.of("app.Beans", "app.NewController"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.get("/supplied").statusCode() == 200);
		assertThat(last(http)).containsEntry("tier", "restart").containsEntry("generation", 3)
			.extractingByKey("reason")
			.asString()
			.contains("not for the bean tier: app.Beans is annotated with @Configuration");
		assertThat(this.application.lines("replaced beans in")).isEmpty();
	}

	@Test
	void noRequestIsRefusedOrFailsWhileTheControllerItHitsIsReplaced() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		Http http = startAndAwait(project);
		int port = this.application.awaitPort();
		try (SteadyClient client = new SteadyClient(port, "/hello", 2)) {
			for (int version = 2; version <= 6; version++) {
				String answer = "v" + version;
				// An added handler method each time: a structural change.
				project.recompile(TestApp.CONTROLLER, TestApp.controller(answer)
					.replace("@GetMapping(\"/hello\")", "@GetMapping(\"/added" + version + "\")\n\tpublic String added() {\n\t\treturn \"added\";\n\t}\n\n\t@GetMapping(\"/hello\")"));
				await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(10))
					.until(() -> http.body("/hello"), answer::equals);
				assertThat(http.body("/added" + version)).isEqualTo("added");
			}
			client.close();
			assertThat(client.refused()).as("refused connections: %s", client.failures()).isZero();
			assertThat(client.broken()).as("broken connections: %s", client.failures()).isZero();
			assertThat(client.serverErrors()).as("5xx: %s", client.failures()).isZero();
			assertThat(client.otherStatus()).as("other status: %s", client.failures()).isZero();
			assertThat(client.ok()).isPositive();
			assertThat(client.bodies().keySet()).allMatch((body) -> body.matches("v[1-6]"));
		}
		http.awaitReloadFinished();
		assertThat(this.application.awaitLines("Generation 1 replaced beans in", 5)).hasSize(5);
		assertThat(this.application.lines("Generation \\d+ serving in")).hasSize(1);
	}

	@Test
	void replacedControllersGetValidationAdviceAndInterceptorsAsAtStartup() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.Advice", """
				package app;

				@org.springframework.web.bind.annotation.RestControllerAdvice
				public class Advice {

					@org.springframework.web.bind.annotation.ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
					public org.springframework.http.ResponseEntity<String> invalid(jakarta.validation.ConstraintViolationException ex) {
						return org.springframework.http.ResponseEntity.unprocessableContent().body("invalid");
					}

				}
				""");
		project.source("app.Interception", """
				package app;

				@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
				public class Interception implements org.springframework.web.servlet.config.annotation.WebMvcConfigurer {

					@Override
					public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
						registry.addInterceptor(new org.springframework.web.servlet.HandlerInterceptor() {

							@Override
							public boolean preHandle(jakarta.servlet.http.HttpServletRequest request,
									jakarta.servlet.http.HttpServletResponse response, Object handler) {
								response.setHeader("X-Intercepted", "yes");
								return true;
							}

						});
					}

				}
				""");
		project.source("app.NumbersController", numbers(""));
		project.compile(List.of("app.Advice", "app.Interception", "app.NumbersController"));
		Http http = startAndAwait(project);
		assertThat(http.body("/double?n=2")).isEqualTo("4");
		assertThat(http.get("/double?n=0").statusCode()).isEqualTo(422);

		project.recompile("app.NumbersController", numbers("""
					@GetMapping("/triple")
					public int triple(@RequestParam @Min(1) int n) {
						return 3 * n;
					}
				"""));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/triple?n=2"), "6"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1);
		// @Validated on the class: only the method validation proxy rejects it.
		assertThat(http.get("/triple?n=0")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(422);
			assertThat(response.body()).isEqualTo("invalid");
		});
		assertThat(http.get("/triple?n=1").headers().firstValue("X-Intercepted")).hasValue("yes");
		assertThat(http.get("/double?n=0").statusCode()).isEqualTo(422);
		assertThat(http.body("/double?n=5")).isEqualTo("10");
	}

	@Test
	void jdbThroughTheDebugRelayStopsInTheReplacedController() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (DebuggableApp app = DebuggableApp.start(this.temp, BEAN_TIER); Jdb jdb = Jdb.attach(app.relayPort())) {
			jdb.send("stop at " + DebuggableApp.COUNTER + ":" + DebuggableApp.LINE);
			jdb.awaitOutput("Set breakpoint " + DebuggableApp.COUNTER + ":" + DebuggableApp.LINE, 1);
			Supplier<String> call = () -> callPastBreakpoint(app, jdb, calls);
			assertThat(call.get()).isEqualTo("r0-1");
			for (int reload = 1; reload <= 3; reload++) {
				app.change(reload, true);
				assertThat(app.awaitServed("r" + reload + "-", call)).containsEntry("tier", "bean")
					.containsEntry("outcome", "success")
					.containsEntry("generation", 1);
			}
			assertThat(jdb.count("Breakpoint hit:")).as(jdb::output).isEqualTo(calls.get());
		}
	}

	private static String callPastBreakpoint(DebuggableApp app, Jdb jdb, AtomicInteger calls) {
		int hit = calls.incrementAndGet();
		CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> app.http().body("/count"));
		await().atMost(RELOAD_TIMEOUT).until(() -> jdb.count("Breakpoint hit:") >= hit || answer.isDone());
		assertThat(jdb.count("Breakpoint hit:")).as("breakpoint hits, jdb printed:%n%s", jdb.output()).isEqualTo(hit);
		try {
			jdb.send("cont");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return answer.join();
	}

	private Http startAndAwait(SourceProject project) throws Exception {
		Http http = start(project, List.of(), BEAN_TIER, EXPOSE_MAPPINGS);
		this.application.awaitLine("Generation 1 serving");
		return http;
	}

	private static final String SHOUT = """

				@org.springframework.web.bind.annotation.GetMapping("/shout")
				String shout(@org.springframework.web.bind.annotation.RequestParam String name) {
					return Shout.of(this.greetings.greet(name))%s;
				}
			""";

	private static String packagePrivateController(String more) {
		return """
				package app;

				@org.springframework.web.bind.annotation.RestController
				class GreetingController {

					private final GreetingService greetings;

					GreetingController(GreetingService greetings) {
						this.greetings = greetings;
					}

					@org.springframework.web.bind.annotation.GetMapping("/greeting")
					Greeting greeting(@org.springframework.web.bind.annotation.RequestParam String name) {
						return this.greetings.greet(name);
					}
				%s
				}
				""".formatted(more);
	}

	private static String newController(String path) {
		return """
				package app;

				@org.springframework.web.bind.annotation.RestController
				public class NewController {

					@org.springframework.web.bind.annotation.GetMapping("%s")
					public String created() {
						return "new";
					}

				}
				""".formatted(path);
	}

	private static String numbers(String more) {
		return """
				package app;

				import jakarta.validation.constraints.Min;

				import org.springframework.validation.annotation.Validated;
				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RequestParam;
				import org.springframework.web.bind.annotation.RestController;

				@RestController
				@Validated
				public class NumbersController {

					@GetMapping("/double")
					public int twice(@RequestParam @Min(1) int n) {
						return 2 * n;
					}

				%s
				}
				""".formatted(more);
	}

	private static String greetingService(String greeting) {
		return """
				package app;

				@org.springframework.stereotype.Service
				public class GreetingService {

					public String greeting() {
						return "%s";
					}

				}
				""".formatted(greeting);
	}

	private static Map<String, Object> last(Http http) {
		http.awaitReloadFinished();
		return JsonPath.read(http.body("/actuator/reload"), "$.last");
	}

	/**
	 * The request mappings of the application's own controllers, as the actuator lists them.
	 */
	private static Set<String> applicationMappings(Http http) {
		List<Map<String, Object>> mappings = JsonPath.read(http.body("/actuator/mappings"),
				"$.contexts.*.mappings.dispatcherServlets.dispatcherServlet[*]");
		Set<String> table = new TreeSet<>();
		for (Map<String, Object> mapping : mappings) {
			String handler = String.valueOf(mapping.get("handler"));
			if (handler.startsWith("app.")) {
				table.add(mapping.get("predicate") + " -> " + handler);
			}
		}
		return table;
	}

}
