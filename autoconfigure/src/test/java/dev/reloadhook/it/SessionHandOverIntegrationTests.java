package dev.reloadhook.it;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.BrowserClient;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Security form-login application in its own JVM, on Tomcat and on Jetty: the
 * logged-in user and the session's attributes survive generation restarts, over real HTTP
 * with the same session cookie.
 */
class SessionHandOverIntegrationTests extends ApplicationTests {

	private static final String RESTARTS_ONLY = "--reload-hook.hotswap.enabled=false";

	private static final String CONTROLLER = "app.SessionController";

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "JETTY" })
	void formLoginAndSessionAttributesSurviveTenReloads(Server server) throws Exception {
		SourceProject project = securedProject();
		BrowserClient client = startSecured(project, server);
		assertThat(client.get("/whoami").statusCode()).as("not logged in yet").isEqualTo(302);
		client.login("user", "secret");
		assertThat(client.get("/cart/add?item=apple").body()).isEqualTo("v1 [apple]");
		String sessionId = client.sessionId();
		for (int version = 2; version <= 11; version++) {
			project.recompile(CONTROLLER, controller("v" + version));
			this.application.awaitLines("Generation \\d+ serving in", version);
			HttpResponse<String> whoami = client.get("/whoami");
			assertThat(whoami.statusCode()).as("logged in after reload %s", version - 1).isEqualTo(200);
			assertThat(whoami.body()).isEqualTo("v" + version + " user");
			assertThat(client.get("/cart/add?item=pear" + version).body()).as("cart re-created in the new generation")
				.startsWith("v" + version + " [apple, pear2").endsWith("pear" + version + "]");
			assertThat(client.sessionId()).as("session id").isEqualTo(sessionId);
		}
		assertThat(this.application.lines("Reload failed")).isEmpty();
		assertThat(this.application.lines("was dropped on reload")).isEmpty();
		// The sessions carried across reloads keep no replaced generation in memory.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.application.gc();
			return JsonPath.<Integer>read(client.get("/actuator/reload").body(), "$.liveGenerations");
		}, (live) -> live <= 2);
	}

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "JETTY" })
	void aLoggedInClientPollingThroughRestartsIsNeverSentToTheLoginPage(Server server) throws Exception {
		SourceProject project = securedProject();
		BrowserClient client = startSecured(project, server);
		client.login("user", "secret");
		assertThat(client.get("/whoami").statusCode()).isEqualTo(200);
		// Requests of the session arrive while the sessions move to each new generation and
		// while they are copied again from the retiring one: none may find the session
		// missing, or found without its login.
		List<String> unexpected = new CopyOnWriteArrayList<>();
		AtomicInteger polls = new AtomicInteger();
		AtomicBoolean polling = new AtomicBoolean(true);
		Thread poller = new Thread(() -> {
			while (polling.get()) {
				try {
					HttpResponse<String> response = client.get("/whoami");
					if (response.statusCode() != 200) {
						unexpected.add(response.statusCode() + " " + response.headers().firstValue("Location").orElse(""));
					}
				}
				catch (Exception ex) {
					unexpected.add(ex.toString());
				}
				polls.incrementAndGet();
				LockSupport.parkNanos(1_000_000);
			}
		}, "session-poller");
		poller.start();
		try {
			for (int version = 2; version <= 16; version++) {
				project.recompile(CONTROLLER, controller("v" + version));
				this.application.awaitLines("Generation \\d+ serving in", version);
			}
			int seen = polls.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> polls.get() > seen);
		}
		finally {
			polling.set(false);
			poller.join();
		}
		assertThat(client.get("/whoami").body()).isEqualTo("v16 user");
		assertThat(unexpected).isEmpty();
		assertThat(this.application.lines("Reload failed")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "JETTY" })
	void aNonSerializableAttributeIsDroppedWithOneLogLine(Server server) throws Exception {
		SourceProject project = securedProject();
		BrowserClient client = startSecured(project, server);
		client.login("user", "secret");
		assertThat(client.get("/cart/add?item=apple").body()).isEqualTo("v1 [apple]");
		assertThat(client.get("/lock").body()).isEqualTo("v1 lock=false");
		assertThat(client.get("/lock").body()).isEqualTo("v1 lock=true");
		for (int version = 2; version <= 4; version++) {
			project.recompile(CONTROLLER, controller("v" + version));
			this.application.awaitLines("Generation \\d+ serving in", version);
		}
		assertThat(client.get("/lock").body()).isEqualTo("v4 lock=false");
		assertThat(client.get("/cart/add?item=pear").body()).isEqualTo("v4 [apple, pear]");
		List<String> dropped = this.application.lines("was dropped on reload");
		assertThat(dropped).hasSize(1);
		assertThat(dropped.get(0)).contains("'lock'").contains("(app.Lock)");
	}

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "JETTY" })
	void aSessionChangedByARequestStillInFlightOnTheOldGenerationIsCopiedAgain(Server server) throws Exception {
		SourceProject project = securedProject();
		BrowserClient client = startSecured(project, server);
		client.login("user", "secret");
		BrowserClient observer = new BrowserClient(client.port());
		observer.login("user", "secret");
		assertThat(client.get("/cart/add?item=apple").body()).isEqualTo("v1 [apple]");
		Path until = this.temp.resolve("release");
		CompletableFuture<HttpResponse<String>> late = CompletableFuture
			.supplyAsync(() -> client.getUnchecked("/cart/add-later?item=late&until=" + until));
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(Path.of(until + ".started")));
		project.recompile(CONTROLLER, controller("v2"));
		// Another session watches for the switch: this one must stay untouched on the new side.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> observer.get("/whoami").body(), (body) -> body.startsWith("v2"));
		Files.createFile(until);
		assertThat(late.get(60, TimeUnit.SECONDS).body()).isEqualTo("v1 [apple, late]");
		this.application.awaitLines("Generation \\d+ serving in", 2);
		assertThat(client.get("/cart/add?item=pear").body()).isEqualTo("v2 [apple, late, pear]");
	}

	private BrowserClient startSecured(SourceProject project, Server server) throws Exception {
		String classPath = project.classes() + File.pathSeparator + AppLibraries.classPathWith(server, "security");
		this.application = RunningApplication.start(classPath, List.of(), TestApp.MAIN, RESTARTS_ONLY);
		return new BrowserClient(this.application.awaitPort());
	}

	private SourceProject securedProject() throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.resource("application.properties", """
				spring.main.banner-mode=off
				spring.security.user.name=user
				spring.security.user.password=secret
				""");
		project.source("app.Cart", TestApp.cart());
		project.source("app.Lock", """
				package app;

				public class Lock {

				}
				""");
		project.source(CONTROLLER, controller("v1"));
		project.compileAll();
		return project;
	}

	private static String controller(String version) {
		return """
				package app;

				import jakarta.servlet.http.HttpServletRequest;
				import jakarta.servlet.http.HttpSession;

				import org.springframework.web.bind.annotation.GetMapping;
				import org.springframework.web.bind.annotation.RequestParam;
				import org.springframework.web.bind.annotation.RestController;

				@RestController
				public class SessionController {

					@GetMapping("/whoami")
					public String whoami(HttpServletRequest request) {
						return "%1$s " + request.getUserPrincipal().getName();
					}

					@GetMapping("/cart/add")
					public String add(@RequestParam String item, HttpSession session) {
						// A class of this generation: a cart of an older one would fail here.
						Cart cart = (Cart) session.getAttribute("cart");
						if (cart == null) {
							cart = new Cart();
						}
						cart.add(item);
						session.setAttribute("cart", cart);
						return "%1$s " + cart;
					}

					@GetMapping("/cart/add-later")
					public String addLater(@RequestParam String item, @RequestParam String until, HttpSession session)
							throws Exception {
						java.nio.file.Files.createFile(java.nio.file.Path.of(until + ".started"));
						long deadline = System.nanoTime() + 60_000_000_000L;
						while (!java.nio.file.Files.exists(java.nio.file.Path.of(until)) && System.nanoTime() < deadline) {
							java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
						}
						return add(item, session);
					}

					@GetMapping("/lock")
					public String lock(HttpSession session) {
						boolean present = session.getAttribute("lock") instanceof Lock;
						session.setAttribute("lock", new Lock());
						return "%1$s lock=" + present;
					}

				}
				""".formatted(version);
	}

}
