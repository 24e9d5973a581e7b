package dev.reloadhook.it;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.reloadhook.testsupport.Http;
import dev.reloadhook.testsupport.RunningApplication;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of the bean tier, not a test: on the demo service, the time from writing the
 * class file of a controller with one more handler method to the first 200 from that new
 * endpoint, bean tier against restart tier, median of {@value #EDITS} edits. Runs only when
 * asked ({@code bench/scripts/bean-tier-figures.sh}); writes
 * {@code bench/results/bean-tier-figures.md}.
 */
@EnabledIfSystemProperty(named = "bean.figures", matches = "true")
class BeanTierFigures {

	private static final int EDITS = Integer.getInteger("bean.figures.edits", 20);

	private static final String PACKAGE = "dev.reloadhook.demo.greeting";

	private static final String CONTROLLER = "BenchController";

	@TempDir
	Path temp;

	@Test
	void newEndpointToFirstOk() throws Exception {
		Path root = Path.of(System.getProperty("user.dir")).getParent();
		List<String> rows = new ArrayList<>();
		String load = loadAverage();
		for (String tier : List.of("bean", "restart")) {
			List<Long> millis = measure(root, tier);
			List<Long> sorted = millis.stream().sorted().toList();
			rows.add("| " + tier + " | " + sorted.get(sorted.size() / 2) + " ms | " + sorted.get(0) + "–"
					+ sorted.get(sorted.size() - 1) + " ms | " + millis + " |");
		}
		String report = """
				# Bean tier: new endpoint to first 200 (demo service)

				%s, %d cores, JDK %s, load average at start %s (a figure is only worth
				comparing when the machine was otherwise idle).
				Each edit writes the class file of a public controller in the demo's greeting package
				with one more `@GetMapping` method (the first edit adds the controller, not counted);
				the time runs from the write to the first 200 from the new path (polled every ms).

				```
				bench/scripts/bean-tier-figures.sh
				```

				| tier | median of %d | min–max | all (ms) |
				|---|---|---|---|
				%s
				""".formatted(Instant.now(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), load, EDITS, String.join("\n", rows));
		Path results = root.resolve("bench/results/bean-tier-figures.md");
		Files.writeString(results, report);
		System.out.println(report);
	}

	private List<Long> measure(Path root, String tier) throws Exception {
		Path classes = Files.createDirectories(this.temp.resolve(tier).resolve("classes"));
		compile(sources(root.resolve("demo-service/src/main/java")), classes);
		try (Stream<Path> resources = Files.list(root.resolve("demo-service/src/main/resources"))) {
			for (Path resource : resources.toList()) {
				Files.copy(resource, classes.resolve(resource.getFileName().toString()));
			}
		}
		// Every edit compiled before the application starts: a reload is timed from the write.
		List<Path> edits = new ArrayList<>();
		for (int k = 0; k <= EDITS; k++) {
			Path source = this.temp.resolve(tier).resolve("edit" + k).resolve(CONTROLLER + ".java");
			Files.createDirectories(source.getParent());
			Files.writeString(source, controller(k));
			Path output = Files.createDirectories(source.getParent().resolve("out"));
			compile(List.of(source), output, classes);
			edits.add(output.resolve(PACKAGE.replace('.', '/')).resolve(CONTROLLER + ".class"));
		}
		List<String> args = tier.equals("bean") ? List.of("--reload-hook.bean-tier.enabled=true")
				: List.of("--reload-hook.bean-tier.enabled=false", "--reload-hook.hotswap.enabled=false");
		List<Long> millis = new ArrayList<>();
		try (RunningApplication application = RunningApplication.start(
				classes + java.io.File.pathSeparator + TestClassPath.asString(), List.of(),
				"dev.reloadhook.demo.DemoApplication", args.toArray(String[]::new))) {
			Http http = new Http(application.awaitPort());
			application.awaitLine("Generation 1 serving");
			Path target = classes.resolve(PACKAGE.replace('.', '/')).resolve(CONTROLLER + ".class");
			for (int k = 0; k <= EDITS; k++) {
				byte[] bytes = Files.readAllBytes(edits.get(k));
				long start = System.nanoTime();
				Files.write(target, bytes);
				String path = "/api/bench/" + k;
				while (http.get(path).statusCode() != 200) {
					Thread.onSpinWait();
				}
				long elapsed = (System.nanoTime() - start) / 1_000_000;
				http.awaitReloadFinished();
				if (k > 0) {
					millis.add(elapsed);
				}
			}
			assertThat(application.lines("Generation 1 replaced beans in")).hasSize(tier.equals("bean") ? EDITS + 1 : 0);
		}
		return millis;
	}

	private static String controller(int endpoints) {
		StringBuilder methods = new StringBuilder();
		for (int k = 0; k <= endpoints; k++) {
			methods.append("""

						@org.springframework.web.bind.annotation.GetMapping("/api/bench/%d")
						public String endpoint%d() {
							return "%d";
						}
					""".formatted(k, k, k));
		}
		return """
				package %s;

				@org.springframework.web.bind.annotation.RestController
				public class %s {
				%s
				}
				""".formatted(PACKAGE, CONTROLLER, methods);
	}

	private static List<Path> sources(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
	}

	private static void compile(List<Path> sources, Path output, Path... classPath) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		String path = Stream.concat(Stream.of(classPath).map(Path::toString), Stream.of(TestClassPath.asString()))
			.reduce((a, b) -> a + java.io.File.pathSeparator + b)
			.orElseThrow();
		List<String> arguments = new ArrayList<>(List.of("-parameters", "-proc:none", "-d", output.toString(), "-cp", path));
		sources.forEach((source) -> arguments.add(source.toString()));
		int status = compiler.run(null, null, new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
			@Override
			public void write(byte[] bytes, int offset, int length) {
				errors.write(new String(bytes, offset, length));
			}
		}, arguments.toArray(String[]::new));
		assertThat(status).as("compilation: %s", errors).isZero();
	}

	private static String loadAverage() {
		return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

}
