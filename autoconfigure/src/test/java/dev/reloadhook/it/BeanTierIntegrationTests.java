package dev.reloadhook.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import com.sun.jdi.request.EventRequest;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.DebuggableApp;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.IdeLikeDebugger;
import dev.reloadhook.testsupport.Jdb;
import dev.reloadhook.testsupport.RunningApplication;
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
			.endsWith("changed: app.GreetingController");

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
		http.restartTo(2);
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
	void resourcesABuildWritesAgainUnchangedLeaveANewControllerToTheBeanTier() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// Changes wait for the trigger file: the class file and the resources are one set,
		// as when mvn compile writes them all.
		Http http = start(project, List.of(), BEAN_TIER, "--reload-hook.watch.trigger-file=.reloadtrigger");
		this.application.awaitLine("Generation 1 serving");
		Path properties = project.classes().resolve("application.properties");
		String content = Files.readString(properties);

		project.recompile("app.NewController", newController("/new"));
		Files.writeString(properties, content);
		Files.writeString(project.classes().resolve(".reloadtrigger"), "1");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/new"), "new"::equals);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1)
			.containsEntry("reason", "app.NewController is new; replaced in place: newController")
			.extractingByKey("changes")
			.asList()
			.contains("application.properties");

		// A resource with other bytes still needs a restart.
		project.recompile("app.NewController", newController("/newer"));
		Files.writeString(properties, content + "app.flag=on\n");
		Files.writeString(project.classes().resolve(".reloadtrigger"), "2");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/newer"), "new"::equals);
		assertThat(last(http)).containsEntry("tier", "restart").containsEntry("generation", 2)
			.extractingByKey("reason")
			.asString()
			.contains("not for the bean tier: application.properties changed");
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
	void aHotSwapAskedForOfAClassTheBeanTierReplacedRestartsInstead() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		// Changes wait for the trigger file, so that a hot swap can be asked for.
		Http http = start(project, List.of(), BEAN_TIER, "--reload-hook.watch.trigger-file=.reloadtrigger");
		this.application.awaitLine("Generation 1 serving");
		assertThat(http.body("/hello")).isEqualTo("v1");
		// A second path: an annotation value, which the JVM would let a hot swap change.
		String twoPaths = "@GetMapping({ \"/hello\", \"/hi\" })";
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v1").replace("@GetMapping(\"/hello\")", twoPaths));
		Files.writeString(project.classes().resolve(".reloadtrigger"), "1");
		await().atMost(RELOAD_TIMEOUT).until(() -> http.get("/hi").statusCode() == 200);
		assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1);

		// The generation's class loader still has the version from before the bean tier:
		// redefining it would succeed and change nothing that runs.
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2").replace("@GetMapping(\"/hello\")", twoPaths));
		assertThat(http.post("/actuator/reload/hotswap").statusCode()).isEqualTo(200);
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hi"), "v2"::equals);
		assertThat(last(http)).containsEntry("tier", "restart").containsEntry("generation", 2)
			.containsEntry("outcome", "success")
			.containsEntry("reason", "the bean tier replaced app.HelloController: hot swap would redefine the version"
					+ " no longer in use");
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
			assertThat(jdb.hits()).as(jdb::output).isEqualTo(calls.get());
		}
	}

	@Test
	void jdbThroughTheDebugRelayStopsInARenamedVersionAndInTheNextGeneration() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.Tally", TALLY.formatted(""));
		project.source("app.TallyController", tallyController(""));
		project.compile(List.of("app.Tally", "app.TallyController"));
		this.application = RunningApplication.start(project, List.of(DebuggableApp.JDWP), TestApp.MAIN, BEAN_TIER);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		assertThat(http.body("/tally")).isEqualTo("tally 1");
		Path sources = Files.createDirectories(this.temp.resolve("src").resolve("app"));
		AtomicInteger calls = new AtomicInteger();
		try (Jdb jdb = Jdb.attach(DebuggableApp.relayPort(this.application))) {
			jdb.send("use " + sources.getParent());
			jdb.send("stop at app.TallyController:" + TALLY_LINE);
			jdb.awaitOutput("Set breakpoint app.TallyController:" + TALLY_LINE, 1);

			// A new handler method in a controller that uses a package-private service: the
			// bean tier defines the new version beside the service, as TallyController$Reload<n>.
			String withTwice = tallyController(TWICE);
			Files.writeString(sources.resolve("TallyController.java"), withTwice);
			project.recompile("app.TallyController", withTwice);
			// Awaited on the endpoint: a call of the service would change the tally.
			await().atMost(RELOAD_TIMEOUT).ignoreExceptions()
				.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.reloads.byTier.bean.success"),
						(beanReloads) -> beanReloads == 1);
			assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1)
				.containsEntry("outcome", "success");

			// The old handler, in the new version: jdb stops at its line, and sees the
			// version's frames and source.
			String tally = stopAndContinue(http, "/tally", jdb, calls, () -> {
				jdb.send("where");
				jdb.awaitOutput("\\[1\\] app\\.TallyController\\$Reload\\d+\\.tally \\(TallyController\\.java:" + TALLY_LINE + "\\)", 1);
				jdb.send("list");
				jdb.awaitOutput(TALLY_LINE + "\\s*=>\\s*return \"tally \" \\+ this\\.tally\\.next\\(\\);", 1);
			});
			assertThat(tally).isEqualTo("tally 2");
			assertThat(jdb.output()).containsPattern("Breakpoint hit: .*app\\.TallyController\\$Reload\\d+\\.tally\\(\\), line=" + TALLY_LINE);

			// A breakpoint in the new handler, set in the version by its name.
			Matcher version = Pattern.compile("app\\.TallyController\\$Reload\\d+").matcher(jdb.output());
			assertThat(version.find()).isTrue();
			jdb.send("stop at " + version.group() + ":" + TWICE_LINE);
			jdb.awaitOutput("Set breakpoint " + Pattern.quote(version.group()) + ":" + TWICE_LINE, 1);
			assertThat(stopAndContinue(http, "/twice", jdb, calls, () -> {
			})).isEqualTo("twice 6");
			assertThat(jdb.output()).containsPattern("Breakpoint hit: .*" + Pattern.quote(version.group())
					+ "\\.twice\\(\\), line=" + TWICE_LINE);

			// A body change to the replaced controller is a bean-tier reload too (hot swap
			// would redefine the version no longer in use): the breakpoint set in the
			// previous version fires in the next.
			String thrice = tallyController(TWICE.replace("2 *", "3 *"));
			Files.writeString(sources.resolve("TallyController.java"), thrice);
			project.recompile("app.TallyController", thrice);
			await().atMost(RELOAD_TIMEOUT)
				.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.reloads.byTier.bean.success"),
						(beanReloads) -> beanReloads == 2);
			assertThat(last(http)).containsEntry("tier", "bean").containsEntry("generation", 1)
				.containsEntry("reason", "method bodies of app.TallyController changed; replaced in place: tallyController");
			int printed = jdb.output().length();
			assertThat(stopAndContinue(http, "/twice", jdb, calls, () -> {
			})).isEqualTo("twice 12");
			assertThat(jdb.output().substring(printed)).containsPattern("Breakpoint hit: .*app\\.TallyController\\$Reload\\d+\\.twice\\(\\), line=" + TWICE_LINE)
				.doesNotContain(version.group() + ".");

			// A new method in the service, which the controller uses, restarts: both
			// breakpoints are armed in the next generation's TallyController, under its own
			// name.
			project.recompile("app.Tally", TALLY.formatted(" + 100").replace("\tlong next()", "\tlong peek() {\n\t\treturn 0;\n\t}\n\n\tlong next()"));
			await().atMost(RELOAD_TIMEOUT)
				.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"), (generation) -> generation == 2);
			assertThat(last(http)).containsEntry("tier", "restart").containsEntry("outcome", "success");
			printed = jdb.output().length();
			assertThat(stopAndContinue(http, "/tally", jdb, calls, () -> {
			})).isEqualTo("tally 101");
			assertThat(stopAndContinue(http, "/twice", jdb, calls, () -> {
			})).isEqualTo("twice 306");
			assertThat(jdb.output().substring(printed))
				.containsPattern("app\\.TallyController\\.tally\\(\\), line=" + TALLY_LINE)
				.containsPattern("app\\.TallyController\\.twice\\(\\), line=" + TWICE_LINE);
			assertThat(jdb.hits()).as(jdb::output).isEqualTo(calls.get());
		}
		assertThat(this.application.lines("has no code in the new version")).isEmpty();
	}

	@Test
	void aVersionThatWouldBeRenamedRestartsInsteadWhileADebuggerIsAttachedStraightToTheJvm() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.Tally", TALLY.formatted(""));
		project.source("app.TallyController", tallyController(""));
		project.compile(List.of("app.Tally", "app.TallyController"));
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			this.application = RunningApplication.start(project, List.of(DebuggableApp.JDWP), TestApp.MAIN, BEAN_TIER,
					"--reload-hook.debug.port=" + taken.getLocalPort());
			this.application.awaitLine("Debug relay not started");
		}
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		// Watches the class by its name, as IDEs do: TallyController$Reload<n> is not it.
		try (IdeLikeDebugger debugger = IdeLikeDebugger.attach(DebuggableApp.agentPort(this.application))) {
			debugger.breakAt("app.TallyController", TALLY_LINE, EventRequest.SUSPEND_EVENT_THREAD);
			assertThat(http.body("/tally")).isEqualTo("tally 1");
			assertThat(debugger.hits()).isEqualTo(1);

			project.recompile("app.TallyController", tallyController(TWICE));
			await().atMost(RELOAD_TIMEOUT)
				.until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"), (generation) -> generation == 2);
			String reason = "app.TallyController needs package-private access, so its new version would be renamed,"
					+ " and the debugger attached to the JVM would not set its breakpoints there (attach through the"
					+ " debug relay to keep the bean tier)";
			assertThat(last(http)).containsEntry("tier", "restart").containsEntry("outcome", "success")
				.extractingByKey("reason")
				.asString()
				.endsWith("not for the bean tier: " + reason);
			assertThat(this.application.lines("Bean tier not used")).singleElement().asString().endsWith(reason);
			assertThat(http.body("/twice")).isEqualTo("twice 2");
			assertThat(http.body("/tally")).isEqualTo("tally 2");
			assertThat(debugger.hits()).isEqualTo(2);
		}
	}

	/**
	 * Call a path while jdb stops every call at a breakpoint: wait for the hit, run the
	 * commands for the stopped thread, continue, return the answer.
	 */
	private static String stopAndContinue(Http http, String path, Jdb jdb, AtomicInteger calls, JdbCommands stopped)
			throws Exception {
		int hit = calls.incrementAndGet();
		CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> http.body(path));
		await().atMost(RELOAD_TIMEOUT).until(() -> jdb.hits() >= hit || answer.isDone());
		assertThat(jdb.hits()).as("breakpoint hits, jdb printed:%n%s", jdb.output()).isEqualTo(hit);
		stopped.run();
		jdb.send("cont");
		return answer.get(RELOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@FunctionalInterface
	private interface JdbCommands {

		void run() throws IOException;

	}

	private static final String TALLY = """
			package app;

			@org.springframework.stereotype.Service
			class Tally {

				private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

				long next() {
					return this.count.incrementAndGet()%s;
				}

			}
			""";

	private static final String TWICE = """

				@org.springframework.web.bind.annotation.GetMapping("/twice")
				String twice() {
					return "twice " + (2 * this.tally.next());
				}
			""";

	private static String tallyController(String more) {
		return """
				package app;

				@org.springframework.web.bind.annotation.RestController
				class TallyController {

					private final Tally tally;

					TallyController(Tally tally) {
						this.tally = tally;
					}

					@org.springframework.web.bind.annotation.GetMapping("/tally")
					String tally() {
						return "tally " + this.tally.next();
					}
				%s
				}
				""".formatted(more);
	}

	/** The line of {@code /tally}'s handler that jdb stops at. */
	private static final int TALLY_LINE = lineOf(tallyController(""), "return \"tally \"");

	/** The line of the added {@code /twice} handler that jdb stops at. */
	private static final int TWICE_LINE = lineOf(tallyController(TWICE), "return \"twice \"");

	private static int lineOf(String source, String text) {
		return source.substring(0, source.indexOf(text)).split("\n", -1).length;
	}

	private static String callPastBreakpoint(DebuggableApp app, Jdb jdb, AtomicInteger calls) {
		try {
			return stopAndContinue(app.http(), "/count", jdb, calls, () -> {
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
