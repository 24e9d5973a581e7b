package dev.reloadhook.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.SourceProject;
import dev.reloadhook.testsupport.SteadyClient;
import dev.reloadhook.testsupport.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix: one test per fault, against one forked application shared by all
 * (each test leaves it serving). A steady client runs across them: no request fails
 * while the old generation can keep serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	static Path temp;

	private SourceProject project;

	private RunningApplication application;

	private Http http;

	private SteadyClient client;

	@BeforeAll
	void startApplication() throws Exception {
		this.project = TestApp.create(temp.resolve("app"));
		this.project.resource("application.properties", "reload-hook.restart.drain-timeout=2m\n");
		this.application = RunningApplication.start(this.project, List.of(), TestApp.MAIN,
				"--reload-hook.restart.start-timeout=15s", "--reload-hook.restart.close-timeout=3s");
		this.http = new Http(this.application.awaitPort());
		assertThat(this.http.body("/hello")).isEqualTo("v1");
		this.client = new SteadyClient(this.application.awaitPort(), "/hello", 1);
	}

	@AfterAll
	void stopApplication() throws Exception {
		if (this.client != null) {
			this.client.close();
			assertThat(this.client.refused()).as("refused: %s", this.client.failures()).isZero();
			assertThat(this.client.broken()).as("broken: %s", this.client.failures()).isZero();
			assertThat(this.client.serverErrors()).as("5xx: %s", this.client.failures()).isZero();
			assertThat(this.client.ok()).isPositive();
		}
		if (this.application != null) {
			this.application.close();
		}
	}

	@Test
	@Order(1)
	void reloadRequestedDuringADrainGoesAheadWhileTheHeldRequestFinishesOnTheOldGeneration() throws Exception {
		Path release = temp.resolve("drain-1");
		CompletableFuture<HttpResponse<String>> held = slow(release);
		assertThat(this.http.post("/actuator/reload").statusCode()).isEqualTo(200);
		await().atMost(TIMEOUT).until(() -> this.http.generationStatus(1), "retiring"::equals);
		assertThat(this.http.post("/actuator/reload").statusCode()).isEqualTo(200);
		// The second reload does not wait for generation 1's request.
		this.application.awaitLine("Generation 3 serving");
		assertThat(held).isNotDone();
		assertThat(this.http.generationStatus(1)).isEqualTo("retiring");
		Files.createFile(release);
		HttpResponse<String> response = held.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("slow-v1");
		await().atMost(TIMEOUT).until(() -> this.http.generationStatus(1), (status) -> !"retiring".equals(status));
		this.http.awaitReloadFinished();
		assertThat(JsonPath.<Integer>read(this.http.body("/actuator/reload"), "$.reloads.total")).isEqualTo(2);
	}

	@Test
	@Order(2)
	void malformedApplicationPropertiesKeepTheServingGeneration() throws Exception {
		int failed = this.application.lines("Reload failed").size();
		this.project.resource("application.properties", "reload-hook.restart.drain-timeout=1s\nbroken=\\u00zz\n");
		this.application.awaitLines("Reload failed", failed + 1);
		assertThat(this.application.lines("Reload failed").get(failed)).contains("generation 3 keeps serving")
			.contains("Malformed");
		assertThat(this.http.body("/hello")).isEqualTo("v1");
		this.project.resource("application.properties", "reload-hook.restart.drain-timeout=1s\n");
		this.application.awaitLine("Generation 5 serving");
	}

	@Test
	@Order(3)
	void drainTimeoutReachedClosesTheOldGenerationAnyway() throws Exception {
		this.http.awaitReloadFinished();
		Path release = temp.resolve("drain-2");
		CompletableFuture<HttpResponse<String>> held = slow(release);
		assertThat(this.http.post("/actuator/reload").statusCode()).isEqualTo(200);
		this.application
			.awaitLine("Generation 5 still had 1 request running after 1000 ms: closing it anyway");
		this.application.awaitLine("Generation 6 serving");
		assertThat(this.http.body("/hello")).isEqualTo("v1");
		Files.createFile(release);
		// Its context is closed, but the request's thread runs on and answers.
		HttpResponse<String> response = held.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("slow-v1");
	}

	@Test
	@Order(4)
	void startThatHangsIsAbandonedAfterTheStartTimeoutAndTheOldKeepsServing() throws Exception {
		this.http.awaitReloadFinished();
		Path release = temp.resolve("hang-release");
		this.project.recompile("app.Hanging", TestApp.component("Hanging", """
				// Ignores interrupts, like a read on a socket that never answers.
				while (!java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) {
					java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
				}""".formatted(release.toString().replace("\\", "\\\\"))));
		String failure = this.application.awaitLine("Reload failed: generation 7 did not start");
		assertThat(failure).contains("did not start within 15000 ms").contains("generation 6 keeps serving");
		assertThat(this.http.body("/hello")).isEqualTo("v1");
		// Its start returns at last: it is closed, and never serves.
		Files.createFile(release);
		this.application.awaitLine("Abandoned generation 7 is closed");
		assertThat(this.application.lines("Generation 7 serving")).isEmpty();
		assertThat(JsonPath.<Integer>read(this.http.body("/actuator/reload"), "$.generation")).isEqualTo(6);
		Files.delete(this.project.classFile("app.Hanging"));
		this.application.awaitLine("Generation 8 serving");
	}

	@Test
	@Order(5)
	void preDestroyThatHangsDoesNotStopLaterReloads() throws Exception {
		this.http.awaitReloadFinished();
		Path release = temp.resolve("destroy-release");
		this.project.recompile("app.Stubborn", """
				package app;

				@org.springframework.stereotype.Component
				public class Stubborn {

					@jakarta.annotation.PreDestroy
					void destroy() {
						while (!java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) {
							java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
						}
					}

				}
				""".formatted(release.toString().replace("\\", "\\\\")));
		this.application.awaitLine("Generation 9 serving");
		this.http.awaitReloadFinished();
		assertThat(this.http.post("/actuator/reload").statusCode()).isEqualTo(200);
		this.application.awaitLine("Generation 9 did not close within 3000 ms");
		this.application.awaitLine("Generation 10 serving");
		this.http.awaitReloadFinished();
		// The next reload runs although generation 9 is still closing.
		this.project.recompile(TestApp.CONTROLLER, TestApp.controller("v2"));
		await().atMost(TIMEOUT).until(() -> this.http.body("/hello"), "v2"::equals);
		Files.createFile(release);
		this.project.recompile("app.Stubborn", TestApp.component("Stubborn", ""));
		this.application.awaitLine("Generation 11 serving");
	}

	@Test
	@Order(6)
	void classFileThatNeverCompletesIsIgnored() throws Exception {
		this.http.awaitReloadFinished();
		int failed = this.application.lines("Reload failed").size();
		byte[] whole = Files.readAllBytes(this.project.classFile(TestApp.CONTROLLER));
		Files.write(this.project.classFile("app.Half"), java.util.Arrays.copyOf(whole, whole.length / 2));
		this.application.awaitLine("Ignoring app/Half.class: it is not a complete class file");
		assertThat(this.application.lines("Reload failed")).hasSize(failed);
		assertThat(this.http.body("/hello")).isEqualTo("v2");
		Files.delete(this.project.classFile("app.Half"));
	}

	@Test
	@Order(7)
	void cleanBuildWhileRunningFailsNoGeneration() throws Exception {
		this.http.awaitReloadFinished();
		int failed = this.application.lines("Reload failed").size();
		Path classes = this.project.classes();
		Path backup = temp.resolve("backup");
		copy(classes, backup);
		// mvn clean, then a build that takes its time.
		try (Stream<Path> tree = Files.walk(classes)) {
			tree.sorted(Comparator.reverseOrder()).filter((path) -> !path.equals(classes)).forEach(this::delete);
		}
		this.application.awaitLine("waiting for the build to write them again");
		assertThat(this.http.body("/hello")).isEqualTo("v2");
		copy(backup, classes);
		await().atMost(TIMEOUT).until(() -> this.application.lines("Generation 1[2-9] serving|no-op").size() > 0);
		this.http.awaitReloadFinished();
		assertThat(this.application.lines("Reload failed")).hasSize(failed);
		assertThat(this.http.body("/hello")).isEqualTo("v2");
	}

	@Test
	@Order(8)
	void redefinitionTheJvmRefusesRestartsInsteadAndTheOldKeepsServing() throws Exception {
		this.http.awaitReloadFinished();
		int failed = this.application.lines("Reload failed").size();
		Path controller = this.project.classFile(TestApp.CONTROLLER);
		byte[] good = Files.readAllBytes(controller);
		// Same shape, a method body the verifier rejects: a hot swap the JVM refuses.
		Files.write(controller, unverifiableHello(good));
		this.application.awaitLines("Reload failed", failed + 1);
		String line = this.application.lines("Reload failed").get(failed);
		assertThat(line).contains("keeps serving").contains("VerifyError");
		assertThat(this.http.body("/hello")).isEqualTo("v2");
		this.project.recompile(TestApp.CONTROLLER, TestApp.controller("v3"));
		await().atMost(TIMEOUT).until(() -> this.http.body("/hello"), "v3"::equals);
	}

	private CompletableFuture<HttpResponse<String>> slow(Path release) {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		CompletableFuture<HttpResponse<String>> response = client.sendAsync(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.application.awaitPort() + "/slow?until="
						+ release.toString().replace('\\', '/'))).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(TIMEOUT).until(() -> Files.exists(Path.of(release + ".started")));
		return response;
	}

	private static byte[] unverifiableHello(byte[] bytes) {
		ClassReader reader = new ClassReader(bytes);
		ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
		reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {

			@Override
			public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
					String[] exceptions) {
				MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
				if (!name.equals("hello")) {
					return target;
				}
				// Returns a reference it never pushed.
				target.visitCode();
				target.visitInsn(Opcodes.ARETURN);
				target.visitMaxs(0, 1);
				target.visitEnd();
				return null;
			}

		}, 0);
		return writer.toByteArray();
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> tree = Files.walk(from)) {
			for (Path path : tree.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private void delete(Path path) {
		try {
			Files.delete(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
