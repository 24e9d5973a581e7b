package dev.reloadhook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes the greeting text in the demo's {@code GreetingService} (a method body edit):
 * edit {@code k} makes {@code GET /api/greeting} answer {@code "Hello v<k>, World!"}.
 * The source is the demo's own, so the benchmark follows the demo as it changes.
 */
final class GreetingTextScenario implements Scenario {

	private static final String ORIGINAL = "\"Hello, \"";

	private final List<Edit> edits = new ArrayList<>();

	GreetingTextScenario(Path demoSources, String className, String compileClassPath, int count) throws IOException {
		Path file = demoSources.resolve(className.replace('.', '/') + ".java");
		String source = Files.readString(file);
		if (!source.contains(ORIGINAL)) {
			throw new IllegalStateException(file + " no longer contains " + ORIGINAL
					+ ": update GreetingTextScenario to the demo's new greeting");
		}
		String classFile = className.replace('.', '/') + ".class";
		for (int k = 1; k <= count; k++) {
			String text = "Hello v" + k + ", ";
			Map<String, byte[]> classes = EditCompiler.compile(className, source.replace(ORIGINAL, '"' + text + '"'),
					compileClassPath);
			if (!classes.keySet().equals(java.util.Set.of(classFile))) {
				throw new IllegalStateException("Expected only " + classFile + " from the compiler, got " + classes.keySet());
			}
			this.edits.add(new Edit(classes, text + "World!"));
		}
	}

	@Override
	public String id() {
		return "greeting-text";
	}

	@Override
	public String description() {
		return "change the greeting text in GreetingService (one class file, method body)";
	}

	@Override
	public String path() {
		return "/api/greeting";
	}

	@Override
	public Edit edit(int k) {
		return this.edits.get(k - 1);
	}

}
