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
 * The application takes part in reloads through application events, each published in
 * the generation it concerns, on a servlet (Tomcat) and a WebFlux (Reactor Netty)
 * application.
 */
class ReloadEventsIntegrationTests extends ApplicationTests {

	private static final String HOOKS = """
			package app;

			import dev.reloadhook.event.GenerationRetiringEvent;
			import dev.reloadhook.event.GenerationServingEvent;
			import dev.reloadhook.event.ReloadFailedEvent;

			@org.springframework.stereotype.Component
			public class Hooks {

				private final org.springframework.context.ApplicationContext context;

				public Hooks(org.springframework.context.ApplicationContext context) {
					this.context = context;
				}

				@org.springframework.context.event.EventListener
				public void serving(GenerationServingEvent event) {
					System.out.println("HOOK serving " + event.getReload().generation() + " " + event.getReload().tier()
							+ " own=" + (event.getApplicationContext() == this.context));
				}

				@org.springframework.context.event.EventListener
				public void retiring(GenerationRetiringEvent event) {
					System.out.println("HOOK retiring for " + event.getReload().generation() + " own="
							+ (event.getApplicationContext() == this.context));
				}

				@org.springframework.context.event.EventListener
				public void failed(ReloadFailedEvent event) {
					System.out.println("HOOK failed " + event.getReload().error());
				}

			}
			""";


	@ParameterizedTest
	@EnumSource(value = Server.class, names = { "TOMCAT", "NETTY" })
	void listenersHearServingRetiringAndFailedReloadsInTheirOwnGeneration(Server server) throws Exception {
		SourceProject project = TestApp.create(this.temp);
		project.recompile("app.Hooks", HOOKS);
		this.application = RunningApplication.start(
				project.classes() + File.pathSeparator + TestClassPath.asString(server), List.of(), TestApp.MAIN);
		Http http = new Http(this.application.awaitPort());
		this.application.awaitLine("Generation 1 serving");

		assertThat(http.post("/actuator/reload").statusCode()).isEqualTo(200);
		assertThat(this.application.awaitLine("HOOK retiring for 2")).endsWith("own=true");
		assertThat(this.application.awaitLine("HOOK serving 2 RESTART")).endsWith("own=true");

		project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		assertThat(this.application.awaitLine("HOOK serving 2 HOTSWAP")).endsWith("own=true");
		assertThat(http.body("/hello")).isEqualTo("v2");

		project.recompile("app.Broken", TestApp.component("Broken", "throw new IllegalStateException(\"boom\");"));
		assertThat(this.application.awaitLine("HOOK failed")).contains("IllegalStateException: boom");
		assertThat(this.application.lines("HOOK serving")).hasSize(2);
	}

}
