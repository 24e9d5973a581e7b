package dev.reloadhook.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.EndpointFigures;
import dev.reloadhook.testsupport.TestClassPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the bean tier on the demo service, not a test: new endpoint to first 200,
 * bean tier against restart tier and DevTools tuned. Runs only when asked
 * ({@code bench/scripts/bean-tier-figures.sh}); writes
 * {@code bench/results/bean-tier-figures.md}.
 */
@EnabledIfSystemProperty(named = "bean.figures", matches = "true")
class BeanTierFigures {

	private static final int EDITS = Integer.getInteger("bean.figures.edits", 20);

	@TempDir
	Path temp;

	@Test
	void newEndpointToFirstOk() throws Exception {
		Path root = Path.of(System.getProperty("user.dir")).getParent();
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		EndpointFigures.build(root.resolve("demo-service/src/main/java"), root.resolve("demo-service/src/main/resources"),
				classes, TestClassPath.asString());
		String devTools = AppLibraries.jars("devtools")
			.stream()
			.map(Path::toString)
			.collect(Collectors.joining(File.pathSeparator));
		EndpointFigures figures = new EndpointFigures("demo service", classes, TestClassPath.asString(),
				"dev.reloadhook.demo.DemoApplication", "dev.reloadhook.demo.greeting", devTools);
		System.out.println(figures.measure(EDITS, this.temp.resolve("edits"),
				root.resolve("bench/results/bean-tier-figures.md")));
	}

}
