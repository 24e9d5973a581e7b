package dev.reloadhook.it;

import java.io.File;
import java.util.List;

import dev.reloadhook.testsupport.ApplicationTests;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.TestApp;
import dev.reloadhook.testsupport.TestClassPath;
import dev.reloadhook.testsupport.TestClassPath.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans actuator's endpoints use (Quartz's scheduler behind the {@code quartz}
 * endpoint, a cache manager behind {@code caches}, Flyway behind {@code flyway}) are
 * created as without reload-hook: not while the generation's web application starts
 * (reload-hook's guard filter and dashboard servlet looked the endpoint's path up there;
 * Jetty initialized the dispatcher servlet there), where the thread's context class
 * loader is the server's web application class loader. Threads such beans start inherit
 * it; Tomcat then reported each of Quartz's workers as a likely memory leak at every
 * restart.
 */
class EndpointBeansIntegrationTests extends ApplicationTests {

	private static final String ENDPOINT = """
			package app;

			import java.util.concurrent.CountDownLatch;

			import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
			import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
			import org.springframework.stereotype.Component;

			@Component
			@Endpoint(id = "probe")
			public class ProbeEndpoint {

				private final String loader = Thread.currentThread().getContextClassLoader().getClass().getSimpleName();

				private final Thread worker = new Thread(() -> {
					try {
						new CountDownLatch(1).await();
					}
					catch (InterruptedException ex) {
						// stopped with its context
					}
				}, "probe-worker");

				public ProbeEndpoint() {
					this.worker.setDaemon(true);
					this.worker.start();
				}

				@ReadOperation
				public String loader() {
					return this.loader;
				}

				@jakarta.annotation.PreDestroy
				public void stop() throws InterruptedException {
					this.worker.interrupt();
					this.worker.join();
				}

			}
			""";

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT", "JETTY" })
	void anEndpointsBeanStartsItsThreadsWithTheGenerationsClassLoader(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.source("app.ProbeEndpoint", ENDPOINT);
		project.resource("application.properties",
				"spring.main.banner-mode=off\nmanagement.endpoints.web.exposure.include=probe,reload\n");
		project.compileAll();
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(server), List.of(), TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");
		assertThat(http.body("/actuator/probe")).isEqualTo("RestartClassLoader");
		http.restartTo(2);
		assertThat(http.body("/actuator/probe")).isEqualTo("RestartClassLoader");
		http.awaitReloadFinished();
		assertThat(this.application.lines("probe-worker")).isEmpty();
	}

}
