package dev.reloadhook.testsupport;

import java.util.List;

/**
 * The edits of the reload figures that any Spring MVC application takes: a new handler
 * method in a controller, and a new service that a controller injects and calls. Both
 * write a public controller of the benchmark's own into a package of the application.
 */
public final class StructuralEdits {

	private static final String CONTROLLER = "BenchController";

	private StructuralEdits() {
	}

	/**
	 * A public controller gets one more {@code @GetMapping} method per edit; edit {@code k}
	 * polls {@code /api/bench/k}, which is not mapped before it.
	 * @param packageName the package of the controller
	 */
	public static FigureKind newEndpoint(String packageName) {
		return new FigureKind("endpoint",
				"a public controller in `" + packageName + "` gets one more `@GetMapping` method per edit; "
						+ "polled: the new method's path, until its first 200",
				(k) -> new FigureEdit(List.of(new FigureEdit.Source(packageName + "." + CONTROLLER,
						endpointController(packageName, k))), "/api/bench/" + k, "endpoint " + k));
	}

	/**
	 * Edit {@code k} adds a new {@code @Service} class {@code BenchServiceK} and changes a
	 * public controller to inject it instead of the previous one and answer with what it
	 * returns; polled: {@code /api/bench/service}, until the answer of service {@code k}.
	 * @param packageName the package of the service and the controller
	 */
	public static FigureKind newService(String packageName) {
		return new FigureKind("service", "edit k adds a new `@Service` class `BenchServiceK` in `" + packageName
				+ "` and changes a public controller to inject it and answer with what it returns; "
				+ "polled: the controller's path, until the first 200 with service k's answer",
				(k) -> new FigureEdit(List.of(
						new FigureEdit.Source(packageName + ".BenchService" + k, service(packageName, k)),
						new FigureEdit.Source(packageName + "." + CONTROLLER, serviceController(packageName, k))),
						"/api/bench/service", "[service " + k + "]"));
	}

	private static String endpointController(String packageName, int endpoints) {
		StringBuilder methods = new StringBuilder();
		for (int k = 0; k <= endpoints; k++) {
			methods.append("""

						@org.springframework.web.bind.annotation.GetMapping("/api/bench/%d")
						public String endpoint%d() {
							return "endpoint %d";
						}
					""".formatted(k, k, k));
		}
		return """
				package %s;

				@org.springframework.web.bind.annotation.RestController
				public class %s {
				%s
				}
				""".formatted(packageName, CONTROLLER, methods);
	}

	private static String service(String packageName, int k) {
		return """
				package %s;

				@org.springframework.stereotype.Service
				public class BenchService%d {

					public String answer() {
						return "[service %d]";
					}

				}
				""".formatted(packageName, k, k);
	}

	private static String serviceController(String packageName, int k) {
		return """
				package %s;

				@org.springframework.web.bind.annotation.RestController
				public class %s {

					private final BenchService%d service;

					public %s(BenchService%d service) {
						this.service = service;
					}

					@org.springframework.web.bind.annotation.GetMapping("/api/bench/service")
					public String answer() {
						return this.service.answer();
					}

				}
				""".formatted(packageName, CONTROLLER, k, CONTROLLER, k);
	}

}
