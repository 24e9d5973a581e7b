package dev.reloadhook.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import com.sun.jdi.VirtualMachine;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.IdeLikeDebugger;
import dev.reloadhook.testsupport.ReloadWindow;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hot-swap tier, over real HTTP: body-only changes are redefined in place in the
 * serving generation, everything else restarts.
 */
class HotSwapIntegrationTests extends ApplicationTests {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final String COUNTER = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class Counter {

				private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

				@org.springframework.web.bind.annotation.GetMapping("/count")
				public String count() {
					return "%s" + this.count.incrementAndGet();
				}

			}
			""";

	private static final String PROXIED = """
			package app;

			@org.springframework.stereotype.Component
			@org.springframework.context.annotation.Scope(proxyMode = org.springframework.context.annotation.ScopedProxyMode.TARGET_CLASS)
			public class Proxied {

				public String text() {
					return "%s";
				}

			}
			""";

	private static final String PROXIED_CONTROLLER = """
			package app;

			@org.springframework.web.bind.annotation.RestController
			public class ProxiedController {

				private final Proxied proxied;

				public ProxiedController(Proxied proxied) {
					this.proxied = proxied;
				}

				@org.springframework.web.bind.annotation.GetMapping("/proxied")
				public String proxied() {
					return this.proxied.text() + " " + org.springframework.aop.support.AopUtils.isCglibProxy(this.proxied);
				}

				@org.springframework.web.bind.annotation.GetMapping("/lazy")
				public String lazy() {
					return new LazyText().text();
				}

			}
			""";

	private static final String LAZY = """
			package app;

			public class LazyText {

				public String text() {
					return "%s";
				}

			}
			""";


	private SourceProject project() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.Counter", COUNTER.formatted("c"));
		project.source("app.Proxied", PROXIED.formatted("p1"));
		project.source("app.ProxiedController", PROXIED_CONTROLLER);
		project.source("app.LazyText", LAZY.formatted("lazy1"));
		project.compile(List.of("app.Counter", "app.Proxied", "app.ProxiedController", "app.LazyText"));
		return project;
	}

	private Http startAndAwait(SourceProject project, List<String> jvmArguments) throws Exception {
		Http http = start(project, jvmArguments, new String[0]);
		this.application.awaitLine("Generation 1 serving");
		return http;
	}

	private static Map<String, Object> last(Http http) {
		http.awaitReloadFinished();
		return JsonPath.read(http.body("/actuator/reload"), "$.last");
	}

	@Test
	void bodyOnlyChangesAreServedByTheSameGenerationWithItsStateKept() throws Exception {
		SourceProject project = project();
		Http http = startAndAwait(project, List.of());
		try (SteadyClient client = new SteadyClient(this.application.awaitPort(), "/hello", 2).awaitRunning()) {
			hotSwapThreeClasses(project, http);
			List<ReloadWindow> reloads = ReloadWindow.history(http);
			assertThat(reloads).hasSize(3).allSatisfy((reload) -> assertThat(reload.tier()).isEqualTo("hotswap"));
			client.awaitRanThrough(reloads);
			client.close();
			client.assertNothingFailed();
			assertThat(client.bodies().keySet()).containsExactly("v1", "v2");
		}
	}

	private void hotSwapThreeClasses(SourceProject project, Http http) {
		assertThat(http.body("/count")).isEqualTo("c1");
		assertThat(http.body("/count")).isEqualTo("c2");

		project.recompile("app.Counter", COUNTER.formatted("n"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/count"), (body) -> body.startsWith("n"));
		assertThat(http.body("/count")).matches("n[4-9]|n\\d\\d+");
		Map<String, Object> last = last(http);
		assertThat(last).containsEntry("tier", "hotswap").containsEntry("generation", 1)
			.containsEntry("classes", List.of("app.Counter"))
			.containsEntry("reason", "method bodies of app.Counter changed");
		assertThat(JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation")).isEqualTo(1);
		http.awaitReloadFinished();
		assertThat(this.application.awaitLines("Generation 1 hot-swapped in", 1)).hasSize(1);

		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/hello"), "v2"::equals);
		assertThat(last(http)).containsEntry("tier", "hotswap");

		project.recompile("app.Proxied", PROXIED.formatted("p2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/proxied"), "p2 true"::equals);
		assertThat(last(http)).containsEntry("tier", "hotswap").containsEntry("generation", 1);
		assertThat(this.application.lines("Generation \\d+ serving in")).hasSize(1);
	}

	@Test
	void classNotLoadedYetIsLeftToLoadTheNewBytes() throws Exception {
		SourceProject project = project();
		Http http = startAndAwait(project, List.of());
		project.recompile("app.LazyText", LAZY.formatted("lazy2"));
		await().atMost(RELOAD_TIMEOUT).until(() -> last(http).get("classes"), List.of("app.LazyText")::equals);
		assertThat(last(http)).containsEntry("tier", "hotswap").containsEntry("outcome", "success");
		assertThat(http.body("/lazy")).isEqualTo("lazy2");
	}

	@Test
	void bodyThatStartsConcatenatingStringsAndUsingAnotherClasssNestedTypeIsHotSwapped() throws Exception {
		SourceProject project = project();
		Http http = startAndAwait(project, List.of());
		assertThat(http.body("/lazy")).isEqualTo("lazy1");
		// javac records MethodHandles.Lookup and Map.Entry as inner classes of LazyText now:
		// the JVM redefines it all the same.
		project.recompile("app.LazyText", LAZY.formatted("lazy\" + java.util.Map.entry(\"k\", 2).getValue() + \""));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/lazy"), "lazy2"::equals);
		assertThat(last(http)).containsEntry("tier", "hotswap")
			.containsEntry("generation", 1)
			.containsEntry("reason", "method bodies of app.LazyText changed");
	}

	@Test
	void configurerCallbackBodyRestartsBecauseSpringCalledItOnlyAtStart() throws Exception {
		SourceProject project = project();
		String configurer = """
				package app;

				@org.springframework.context.annotation.Configuration
				public class WebConfig implements org.springframework.web.servlet.config.annotation.WebMvcConfigurer {

					@Override
					public void addViewControllers(org.springframework.web.servlet.config.annotation.ViewControllerRegistry registry) {
						registry.addStatusController("%s", org.springframework.http.HttpStatus.GONE);
					}

				}
				""";
		project.source("app.WebConfig", configurer.formatted("/first"));
		project.compile(List.of("app.WebConfig"));
		Http http = startAndAwait(project, List.of());
		assertThat(http.get("/first").statusCode()).isEqualTo(410);
		project.recompile("app.WebConfig", configurer.formatted("/second"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.get("/second").statusCode(), (status) -> status == 410);
		assertThat(last(http)).containsEntry("tier", "restart")
			.containsEntry("generation", 2)
			.containsEntry("reason",
					"a @Bean method or configurer callback of app.WebConfig changed (it runs only when the context starts)");
	}

	@Test
	void structuralChangeRestartsAndIdenticalBytesDoNothing() throws Exception {
		SourceProject project = project();
		Http http = startAndAwait(project, List.of());
		project.recompile(TestApp.CONTROLLER, TestApp.controller("v1")
			.replace("public class HelloController {", "public class HelloController {\n\n\tprivate int added;"));
		await().atMost(RELOAD_TIMEOUT).until(() -> JsonPath.<Integer>read(http.body("/actuator/reload"), "$.generation"),
				(generation) -> generation == 2);
		assertThat(last(http)).containsEntry("tier", "restart")
			.containsEntry("reason", "the structure of app.HelloController changed");

		Path counter = project.classFile("app.Counter");
		Files.write(counter, Files.readAllBytes(counter));
		this.application.awaitLine("Nothing to reload in");
		assertThat(last(http)).containsEntry("tier", "no-op").containsEntry("generation", 2);
		assertThat(http.body("/hello")).isEqualTo("v1");
	}

	@Test
	void withADebuggerAttachedBodyChangesRestartUntilItDetaches() throws Exception {
		SourceProject project = project();
		Http http = startAndAwait(project,
				List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0"));
		Matcher address = Pattern.compile("Listening for transport dt_socket at address: (\\d+)")
			.matcher(this.application.awaitLine("Listening for transport dt_socket at address"));
		assertThat(address.find()).isTrue();
		VirtualMachine debugger = IdeLikeDebugger.attachVirtualMachine(Integer.parseInt(address.group(1)));
		try {
			project.recompile("app.Counter", COUNTER.formatted("d"));
			await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/count"), (body) -> body.startsWith("d"));
			assertThat(last(http)).containsEntry("tier", "restart").containsEntry("generation", 2)
				.containsEntry("reason", "method bodies of app.Counter changed, a debugger is attached");
			this.application.awaitLine("A debugger is attached: reloads restart rather than hot swap");
		}
		finally {
			debugger.dispose();
		}
		project.recompile("app.Counter", COUNTER.formatted("e"));
		await().atMost(RELOAD_TIMEOUT).until(() -> http.body("/count"), (body) -> body.startsWith("e"));
		assertThat(last(http)).containsEntry("tier", "hotswap").containsEntry("generation", 2);
	}

}
