package dev.reloadhook.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetAddress;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Figures, not a test: the time from writing the class files of an edit to the first 200
 * response that shows it, for each kind of edit and each way of reloading (reload-hook
 * with its defaults or forced to its restart tier, Spring Boot DevTools), one application
 * JVM per kind and variant, on a fresh copy of the application's classes, the edits
 * compiled before it starts.
 * <p>
 * Options: {@code -Dbean.figures.edits=N} measured edits per run (default 20),
 * {@code -Dbean.figures.poll-ms=N} the client's poll interval (default 10),
 * {@code -Dbean.figures.variants=...} and {@code -Dbean.figures.kinds=...} (ids, or their
 * beginnings, comma-separated) to run some only.
 */
public final class ReloadFigures {

	private static final long EDIT_TIMEOUT_NANOS = Duration.ofMinutes(2).toNanos();

	private static final Pattern RELOAD_LINE = Pattern
		.compile("Generation \\d+ (?:hot-swapped|replaced beans|serving) in \\d+ ms \\(([a-z-]+)");

	private static final String DEVTOOLS_STARTED = "Started \\w+ in";

	private static final String BEAN_TIER_REFUSED = "Bean tier not used, a restart applies the change: ";

	private final String application;

	private final Path classes;

	private final String classPath;

	private final String mainClass;

	private final String devToolsClassPath;

	private final int edits = Integer.getInteger("bean.figures.edits", 20);

	private final int pollMillis = Integer.getInteger("bean.figures.poll-ms", 10);

	private String[] login = new String[0];

	/**
	 * Create figures for one application.
	 * @param application its name in the report
	 * @param classes its compiled classes and resources (each run copies them: the edits
	 * are written into the copy)
	 * @param classPath its libraries, reload-hook included
	 * @param mainClass its main class
	 * @param devToolsClassPath the spring-boot-devtools jar(s)
	 */
	public ReloadFigures(String application, Path classes, String classPath, String mainClass,
			String devToolsClassPath) {
		this.application = application;
		this.classes = classes;
		this.classPath = classPath;
		this.mainClass = mainClass;
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
	public ReloadFigures formLogin(String user, String password) {
		this.login = new String[] { user, password };
		return this;
	}

	/**
	 * Measure every kind of edit with every variant (those the options select), one run
	 * each, and write the report after each run (a run that fails leaves the others').
	 * @param report the report's heading, command and notes
	 * @param kinds the kinds of edit
	 * @param variants the variants
	 * @param work a directory for the edits and the runs' class directories
	 * @param file the Markdown file to write
	 * @return the report
	 */
	public String measure(FiguresReport report, List<FigureKind> kinds, List<FigureVariant> variants, Path work,
			Path file) throws IOException, InterruptedException {
		List<FigureKind> selectedKinds = selected(kinds, "bean.figures.kinds", FigureKind::id);
		List<FigureVariant> selectedVariants = selected(variants, "bean.figures.variants", FigureVariant::id);
		report.start(this.application, this.edits, this.pollMillis, this.login.length > 0, selectedKinds,
				selectedVariants);
		String text = report.markdown();
		for (FigureKind kind : selectedKinds) {
			List<List<ClassFile>> compiled = compile(kind, work.resolve(kind.id()));
			for (FigureVariant variant : selectedVariants) {
				FiguresReport.Run run;
				try {
					run = run(kind, variant, compiled, work.resolve(kind.id()).resolve(variant.id()));
				}
				catch (AssertionError | RuntimeException ex) {
					// One run that fails (a timeout, a lost session) leaves the others' figures.
					String message = String.valueOf(ex.getMessage());
					System.out.println(kind.id() + ", " + variant.label() + " failed: " + message);
					run = FiguresReport.Run.failed(kind, variant, message.lines().findFirst().orElse(""));
				}
				report.add(run);
				text = report.markdown();
				Files.writeString(file, text);
			}
		}
		return text;
	}

	private static <T> List<T> selected(List<T> offered, String property, Function<T, String> id) {
		String only = System.getProperty(property, "");
		if (only.isBlank()) {
			return offered;
		}
		List<String> wanted = Stream.of(only.split(",")).map(String::trim).toList();
		return offered.stream()
			.filter((candidate) -> wanted.stream().anyMatch(id.apply(candidate)::startsWith))
			.toList();
	}

	/**
	 * Compile every edit of a kind, edit {@code 0} to {@code edits}, and return, per edit,
	 * the class files to write in the order of its sources.
	 */
	private List<List<ClassFile>> compile(FigureKind kind, Path work) throws IOException {
		List<List<ClassFile>> compiled = new ArrayList<>();
		for (int k = 0; k <= this.edits; k++) {
			FigureEdit edit = kind.edit(k);
			Path sources = Files.createDirectories(work.resolve("edit" + k).resolve("src"));
			Path output = Files.createDirectories(work.resolve("edit" + k).resolve("out"));
			List<String> arguments = new ArrayList<>(List.of("-parameters", "-proc:none", "-d", output.toString(),
					"-cp", this.classes + File.pathSeparator + this.classPath));
			for (FigureEdit.Source source : edit.sources()) {
				Path file = sources.resolve(source.relativeName() + ".java");
				Files.createDirectories(file.getParent());
				Files.writeString(file, source.code());
				arguments.add(file.toString());
			}
			compile(arguments);
			List<ClassFile> classFiles = new ArrayList<>();
			for (FigureEdit.Source source : edit.sources()) {
				Path main = output.resolve(source.relativeName() + ".class");
				String nestedPrefix = source.simpleName() + "$";
				try (Stream<Path> files = Files.list(main.getParent())) {
					// Nested classes first: the top-level class refers to them.
					files.filter((candidate) -> candidate.getFileName().toString().startsWith(nestedPrefix))
						.sorted()
						.forEach((nested) -> classFiles.add(ClassFile.of(output, nested)));
				}
				classFiles.add(ClassFile.of(output, main));
			}
			compiled.add(classFiles);
		}
		return compiled;
	}

	private FiguresReport.Run run(FigureKind kind, FigureVariant variant, List<List<ClassFile>> compiled, Path work)
			throws IOException, InterruptedException {
		Path runClasses = work.resolve("classes");
		FileSystemUtils.deleteRecursively(runClasses);
		FileSystemUtils.copyRecursively(this.classes, runClasses);
		int port = freePort();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
		arguments.addAll(variant.arguments());
		String path = runClasses + File.pathSeparator + this.classPath
				+ (variant.devTools() ? File.pathSeparator + this.devToolsClassPath : "");
		List<Long> millis = new ArrayList<>();
		try (RunningApplication running = RunningApplication.start(path, variant.jvmArguments(), this.mainClass,
				arguments.toArray(String[]::new))) {
			Http http = new Http(port);
			String started = variant.devTools() ? DEVTOOLS_STARTED : "Generation 1 serving";
			awaitLines(running, started, 1);
			String[] credentials = (this.login.length > 0)
					? new String[] { "Cookie", logIn(port, this.login[0], this.login[1]) } : new String[0];
			for (int k = 0; k <= this.edits; k++) {
				FigureEdit edit = kind.edit(k);
				List<byte[]> bytes = new ArrayList<>();
				for (ClassFile classFile : compiled.get(k)) {
					bytes.add(Files.readAllBytes(classFile.compiled()));
				}
				long start = System.nanoTime();
				for (int i = 0; i < bytes.size(); i++) {
					Files.write(runClasses.resolve(compiled.get(k).get(i).relativePath()), bytes.get(i));
				}
				awaitAnswer(http, credentials, edit, k, start, running);
				long elapsed = (System.nanoTime() - start) / 1_000_000;
				if (variant.devTools()) {
					awaitLines(running, started, k + 2);
				}
				else {
					http.awaitReloadFinished();
				}
				if (k > 0) {
					millis.add(elapsed);
				}
			}
			List<String> tiers = tiers(running, variant);
			running.lines("replaced beans in|serving in|hot-swapped in|" + BEAN_TIER_REFUSED + "|" + DEVTOOLS_STARTED)
				.forEach((line) -> System.out.println(kind.id() + ", " + variant.label() + ": " + line));
			if (variant.expectedTier() != null) {
				assertThat(tiers).as("tiers of %s with %s", kind.id(), variant.label())
					.hasSize(this.edits)
					.containsOnly(variant.expectedTier());
			}
			List<String> reasons = running.lines(Pattern.quote(BEAN_TIER_REFUSED))
				.stream()
				.map((line) -> line.substring(line.indexOf(BEAN_TIER_REFUSED) + BEAN_TIER_REFUSED.length()))
				.distinct()
				.toList();
			return new FiguresReport.Run(kind, variant, millis, tiers, reasons, null);
		}
	}

	/** Poll the edit's path until a 200 whose body has the edit's answer. */
	private void awaitAnswer(Http http, String[] credentials, FigureEdit edit, int k, long start,
			RunningApplication running) {
		while (true) {
			@Nullable HttpResponse<String> response = get(http, credentials, edit.path());
			int status = (response != null) ? response.statusCode() : -1;
			if (status == 200 && response.body().contains(edit.expected())) {
				return;
			}
			if (credentials.length > 0 && (status == 302 || status == 401)) {
				throw new AssertionError("the session of the login was lost at edit " + k + " (" + status + " "
						+ response.headers().firstValue("Location").orElse("") + "); the application's last lines:\n"
						+ tail(running.output()));
			}
			if (System.nanoTime() - start > EDIT_TIMEOUT_NANOS) {
				throw new AssertionError("no 200 with '" + edit.expected() + "' from " + edit.path()
						+ " within 2 minutes of edit " + k + " (last: " + status + " "
						+ ((response != null) ? response.body() : "") + "); the application's last lines:\n"
						+ tail(running.output()));
			}
			// A fixed interval, the same for every variant: polling faster keeps the old
			// generation (reload-hook) busy answering on the 2 cores the new one starts on,
			// while DevTools' closed port refuses the polls cheaply.
			LockSupport.parkNanos(Duration.ofMillis(this.pollMillis).toNanos());
		}
	}

	private static @Nullable HttpResponse<String> get(Http http, String[] credentials, String path) {
		try {
			return (credentials.length > 0) ? http.send("GET", path, credentials) : http.get(path);
		}
		catch (IllegalStateException ex) {
			// DevTools closes the port while it restarts.
			return null;
		}
	}

	/**
	 * The tier of each reload after edit {@code 0}, from the tool's log: reload-hook's
	 * line per reload, DevTools' "Started" line per restart.
	 */
	private List<String> tiers(RunningApplication running, FigureVariant variant) {
		List<String> tiers;
		if (variant.devTools()) {
			tiers = running.lines(DEVTOOLS_STARTED).stream().skip(1).map((line) -> "restart").toList();
		}
		else {
			tiers = running.lines(RELOAD_LINE.pattern())
				.stream()
				.filter((line) -> !line.endsWith("first start"))
				.map((line) -> {
					Matcher matcher = RELOAD_LINE.matcher(line);
					matcher.find();
					return matcher.group(1);
				})
				.toList();
		}
		// One reload per edit: leave out edit 0's, which is not measured.
		return (tiers.size() == this.edits + 1) ? tiers.subList(1, tiers.size()) : tiers;
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

	/**
	 * Log in through the login form (CSRF token included) and return the session cookie.
	 */
	private static String logIn(int port, String user, String password) throws IOException {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		URI uri = URI.create("http://127.0.0.1:" + port + "/login");
		try {
			HttpResponse<String> form = client.send(HttpRequest.newBuilder(uri).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
			assertThat(token.find()).as("a CSRF token in the login form:\n%s", form.body()).isTrue();
			String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf="
					+ encode(token.group(1));
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
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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

	private static void compile(List<String> arguments) {
		StringWriter errors = new StringWriter();
		int status = ToolProvider.getSystemJavaCompiler()
			.run(null, null, new PrintStream(new ByteArrayOutputStream()) {
				@Override
				public void write(byte[] bytes, int offset, int length) {
					errors.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
				}
			}, arguments.toArray(String[]::new));
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
		compile(arguments);
		try (Stream<Path> files = Files.walk(resources)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path copy = classes.resolve(resources.relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy);
			}
		}
	}

	/**
	 * A compiled class file and where it goes in a class directory.
	 */
	private record ClassFile(Path compiled, String relativePath) {

		static ClassFile of(Path output, Path compiled) {
			return new ClassFile(compiled, output.relativize(compiled).toString());
		}

	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
