package dev.reloadhook.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.reloadhook.testsupport.AppLibraries;
import dev.reloadhook.testsupport.FigureVariant;
import dev.reloadhook.testsupport.FiguresReport;
import dev.reloadhook.testsupport.ReloadFigures;
import dev.reloadhook.testsupport.StructuralEdits;
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

	static final String PACKAGE = "dev.reloadhook.demo.greeting";

	@TempDir
	Path temp;

	@Test
	void newEndpointToFirstOk() throws Exception {
		Path root = Path.of(System.getProperty("user.dir")).getParent();
		FiguresReport report = new FiguresReport("Bean tier: new endpoint to first 200",
				"bench/scripts/bean-tier-figures.sh");
		System.out.println(demoService(root, this.temp).measure(report, List.of(StructuralEdits.newEndpoint(PACKAGE)),
				List.of(FigureVariant.BEAN_TIER, FigureVariant.RESTART, FigureVariant.DEVTOOLS_TUNED),
				this.temp.resolve("work"), root.resolve("bench/results/bean-tier-figures.md")));
	}

	/**
	 * The demo service compiled from its sources against the tests' class path (its
	 * libraries and reload-hook), DevTools beside.
	 */
	static ReloadFigures demoService(Path root, Path temp) throws IOException {
		Path classes = Files.createDirectories(temp.resolve("classes"));
		ReloadFigures.build(root.resolve("demo-service/src/main/java"), root.resolve("demo-service/src/main/resources"),
				classes, TestClassPath.asString());
		String devTools = AppLibraries.jars("devtools")
			.stream()
			.map(Path::toString)
			.collect(Collectors.joining(File.pathSeparator));
		return new ReloadFigures("demo service", classes, TestClassPath.asString(),
				"dev.reloadhook.demo.DemoApplication", devTools);
	}

}
