package dev.reloadhook.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Figures, not a test: the time from writing the class file of a controller with one more
 * handler method to the first 200 from that new endpoint, for reload-hook's bean tier,
 * its restart tier and Spring Boot DevTools tuned (100 ms poll, 50 ms quiet period), one
 * application JVM per variant, the edits compiled before it starts.
 */
public final class EndpointFigures {

	private static final String CONTROLLER = "BenchController";

	private static final long EDIT_TIMEOUT_NANOS = 120_000_000_000L;

	private static final String LOGIN = "\n\n" + """
			The requests carry the session cookie of one form login made when the application
			has started (the session outlives the reloads in every variant): with HTTP basic,
			every request and every poll would check the password again, with the BCrypt
			encoder Spring Security upgrades the fixture's user to at its first login, tens of
			milliseconds of CPU each, in every variant.""";

	private static final long POLL_NANOS = 1_000_000;

	private static final String DEVTOOLS_TUNED = "DevTools tuned (100 ms poll, 50 ms quiet)";

	private final String application;

	private final Path classes;

	private final String classPath;

	private final String mainClass;

	private final String packageName;

	private final String devToolsClassPath;

	private String[] login = new String[0];

	private String[] credentials = new String[0];

	/**
	 * Create figures for one application.
	 * @param application its name in the report
	 * @param classes its compiled classes and resources (a copy: the edits are written there)
	 * @param classPath its libraries, reload-hook included
	 * @param mainClass its main class
	 * @param packageName the package the benchmark's controller goes into
	 * @param devToolsClassPath the spring-boot-devtools jar(s)
	 */
	public EndpointFigures(String application, Path classes, String classPath, String mainClass, String packageName,
			String devToolsClassPath) {
		this.application = application;
		this.classes = classes;
		this.classPath = classPath;
		this.mainClass = mainClass;
		this.packageName = packageName;
		this.devToolsClassPath = devToolsClassPath;
	}

	/**
	 * Log in once through Spring Security's form login when the application has started,
	 * then send the session cookie with every request (an application behind Spring
	 * Security, used as from a browser). HTTP basic instead would check the password on
	 * every request, and the fixture's encoder (its {@code noop} password upgraded to
	 * BCrypt at the first login) costs tens of milliseconds of CPU per check: the figure
	 * would measure that, in every variant, rather than the reload.
	 */
	public EndpointFigures formLogin(String user, String password) {
		this.login = new String[] { user, password };
		return this;
	}

	/**
	 * Measure every variant and write the report.
	 * @param edits the number of measured edits per variant
	 * @param work a directory for the edits' class files
	 * @param report the Markdown file to write
	 * @return the report
	 */
	public String measure(int edits, Path work, Path report) throws Exception {
		List<Path> editClasses = compileEdits(edits, work);
		String load = loadAverage();
		List<String> rows = new ArrayList<>();
		String text = "";
		// -Dbean.figures.variants=bean: one variant only, for looking into its figure.
		String only = System.getProperty("bean.figures.variants", "");
		for (String variant : List.of("bean tier", "restart tier", DEVTOOLS_TUNED)) {
			if (!only.isEmpty() && Stream.of(only.split(",")).noneMatch(variant.toLowerCase(Locale.ROOT)::startsWith)) {
				continue;
			}
			try {
				List<Long> millis = measure(variant, editClasses);
				List<Long> sorted = millis.stream().sorted().toList();
				rows.add("| " + variant + " | " + sorted.get(sorted.size() / 2) + " ms | " + sorted.get(0) + "–"
						+ sorted.get(sorted.size() - 1) + " ms | " + millis + " |");
			}
			catch (AssertionError ex) {
				System.out.println(variant + " failed: " + ex.getMessage());
				rows.add("| " + variant + " | failed | | " + ex.getMessage().lines().findFirst().orElse("") + " |");
			}
			// Written after each variant: a variant that fails leaves the others' figures.
			text = report(edits, load, rows);
			Files.writeString(report, text);
		}
		return text;
	}

	private String report(int edits, String load, List<String> rows) {
		return """
				# Bean tier: new endpoint to first 200 (%s)

				%s, %d cores, JDK %s, load average at start %s (a figure is only worth
				comparing when the machine was otherwise idle).
				Each edit writes the class file of a public controller in `%s`
				with one more `@GetMapping` method (the first edit adds the controller, not counted);
				the time runs from the write to the first 200 from the new path (polled every ms).
				One application JVM per variant, on a fixed loopback port.%s

				```
				bench/scripts/bean-tier-figures.sh
				```

				| variant | median of %d | min–max | all (ms) |
				|---|---|---|---|
				%s
				""".formatted(this.application, Instant.now(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), load, this.packageName, (this.login.length > 0) ? LOGIN : "", edits,
				String.join("\n", rows));
	}

	private List<Path> compileEdits(int edits, Path work) {
		List<Path> classFiles = new ArrayList<>();
		for (int k = 0; k <= edits; k++) {
			Path source = work.resolve("edit" + k).resolve(CONTROLLER + ".java");
			try {
				Files.createDirectories(source.getParent());
				Files.writeString(source, controller(k));
				Path output = Files.createDirectories(source.getParent().resolve("out"));
				compile(source, output);
				classFiles.add(output.resolve(this.packageName.replace('.', '/')).resolve(CONTROLLER + ".class"));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return classFiles;
	}

	private List<Long> measure(String variant, List<Path> edits) throws Exception {
		Path target = this.classes.resolve(this.packageName.replace('.', '/')).resolve(CONTROLLER + ".class");
		Files.deleteIfExists(target);
		boolean devTools = variant.equals(DEVTOOLS_TUNED);
		int port = freePort();
		List<String> jvmArguments = devTools ? List.of("-Dreload-hook.enabled=false",
				"-Dspring.devtools.restart.poll-interval=100ms", "-Dspring.devtools.restart.quiet-period=50ms",
				"-Dspring.devtools.livereload.enabled=false") : List.of();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
		arguments.add("--reload-hook.bean-tier.enabled=" + variant.equals("bean tier"));
		if (variant.equals("restart tier")) {
			arguments.add("--reload-hook.hotswap.enabled=false");
		}
		String path = this.classes + File.pathSeparator + this.classPath
				+ (devTools ? File.pathSeparator + this.devToolsClassPath : "");
		List<Long> millis = new ArrayList<>();
		try (RunningApplication running = RunningApplication.start(path, jvmArguments, this.mainClass,
				arguments.toArray(String[]::new))) {
			Http http = new Http(port);
			String done = devTools ? "Started \\w+ in" : "Generation 1 serving";
			awaitLines(running, done, 1);
			if (this.login.length > 0) {
				this.credentials = new String[] { "Cookie", logIn(port, this.login[0], this.login[1]) };
			}
			for (int k = 0; k < edits.size(); k++) {
				byte[] bytes = Files.readAllBytes(edits.get(k));
				long start = System.nanoTime();
				Files.write(target, bytes);
				String endpoint = "/api/bench/" + k;
				for (int status = status(http, endpoint); status != 200; status = status(http, endpoint)) {
					if (this.login.length > 0 && (status == 302 || status == 401)) {
						throw new AssertionError("the session of the login was lost at edit " + k);
					}
					if (System.nanoTime() - start > EDIT_TIMEOUT_NANOS) {
						throw new AssertionError("no 200 from " + endpoint + " within 2 minutes of edit " + k
								+ "; the application's last lines:\n" + tail(running.output()));
					}
					// One poll a millisecond, as the figures say: polling back to back took about
					// a core of the two from the application under measurement.
					LockSupport.parkNanos(POLL_NANOS);
				}
				long elapsed = (System.nanoTime() - start) / 1_000_000;
				if (devTools) {
					awaitLines(running, done, k + 2);
				}
				else {
					http.awaitReloadFinished();
				}
				if (k > 0) {
					millis.add(elapsed);
				}
			}
			running.lines("replaced beans in|serving in").forEach((line) -> System.out.println(variant + ": " + line));
			if (variant.equals("bean tier")) {
				assertThat(running.lines("Generation 1 replaced beans in")).hasSize(edits.size());
			}
		}
		return millis;
	}

	/** A larger application starts slower on a loaded machine than one usual wait allows. */
	private static void awaitLines(RunningApplication running, String regex, int count) {
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> running.lines(regex).size() >= count || !running.isAlive());
		assertThat(running.lines(regex)).as(() -> "lines '" + regex + "' in:\n" + tail(running.output()))
			.hasSizeGreaterThanOrEqualTo(count);
	}

	private static String tail(String output) {
		List<String> lines = output.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private int status(Http http, String path) {
		try {
			HttpResponse<String> response = (this.credentials.length > 0) ? http.send("GET", path, this.credentials)
					: http.get(path);
			return response.statusCode();
		}
		catch (IllegalStateException ex) {
			// DevTools closes the port while it restarts.
			return -1;
		}
	}

	/**
	 * Log in through the login form (CSRF token included) and return the session cookie.
	 */
	private static String logIn(int port, String user, String password) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI uri = URI.create("http://127.0.0.1:" + port + "/login");
		HttpResponse<String> form = client.send(HttpRequest.newBuilder(uri).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(token.find()).as("a CSRF token in the login form:\n%s", form.body()).isTrue();
		String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie(form))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location")).as("redirect after login")
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		// Spring Security gives the session a new id at login.
		return cookie(login);
	}

	private static String cookie(HttpResponse<?> response) {
		List<String> cookies = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((header) -> header.substring(0, header.indexOf(';') > 0 ? header.indexOf(';') : header.length()))
			.toList();
		assertThat(cookies).as("session cookie").isNotEmpty();
		return String.join("; ", cookies);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private String controller(int endpoints) {
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
				""".formatted(this.packageName, CONTROLLER, methods);
	}

	private void compile(Path source, Path output) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		String path = this.classes + File.pathSeparator + this.classPath;
		int status = compiler.run(null, null, new PrintStream(errors), "-parameters", "-proc:none", "-d",
				output.toString(), "-cp", path, source.toString());
		assertThat(status).as("compilation: %s", errors).isZero();
	}

	/**
	 * Compile a source tree into a class directory and copy its resources beside.
	 */
	public static void build(Path sources, Path resources, Path classes, String classPath) throws IOException {
		List<String> arguments = new ArrayList<>(
				List.of("-parameters", "-proc:none", "-d", classes.toString(), "-cp", classPath));
		try (Stream<Path> files = Files.walk(sources)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> arguments.add(file.toString()));
		}
		StringWriter errors = new StringWriter();
		int status = ToolProvider.getSystemJavaCompiler()
			.run(null, null, new PrintStream(new ByteArrayOutputStream()) {
				@Override
				public void write(byte[] bytes, int offset, int length) {
					errors.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
				}
			}, arguments.toArray(String[]::new));
		assertThat(status).as("compilation: %s", errors).isZero();
		try (Stream<Path> files = Files.walk(resources)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path copy = classes.resolve(resources.relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String loadAverage() {
		return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

}
