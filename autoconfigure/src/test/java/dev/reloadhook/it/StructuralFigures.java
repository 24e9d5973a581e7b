package dev.reloadhook.it;

import java.nio.file.Path;
import java.util.List;

import dev.reloadhook.testsupport.FigureVariant;
import dev.reloadhook.testsupport.FiguresReport;
import dev.reloadhook.testsupport.StructuralEdits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of structural edits on the demo service, not a test: a new endpoint and a new
 * service bean, each to the first 200 that shows it, reload-hook with its defaults and
 * forced to its restart tier against DevTools default and tuned. Runs only when asked
 * ({@code bench/scripts/structural-figures.sh}); writes
 * {@code bench/results/structural-figures.md}.
 */
@EnabledIfSystemProperty(named = "bean.figures", matches = "true")
class StructuralFigures {

	@TempDir
	Path temp;

	@Test
	void structuralEditsToFirstOk() throws Exception {
		Path root = Path.of(System.getProperty("user.dir")).getParent();
		FiguresReport report = new FiguresReport("Structural edits: class write to the first 200 that shows it",
				"bench/scripts/structural-figures.sh")
			.note("No entity edit on the demo service: its `items.Item` is a record read and written with "
					+ "`JdbcClient`, not a JPA entity (the fixture's figures have one).");
		System.out.println(BeanTierFigures.demoService(root, this.temp)
			.measure(report,
					List.of(StructuralEdits.newEndpoint(BeanTierFigures.PACKAGE),
							StructuralEdits.newService(BeanTierFigures.PACKAGE)),
					List.of(FigureVariant.RELOAD_HOOK, FigureVariant.RESTART, FigureVariant.DEVTOOLS_DEFAULT,
							FigureVariant.DEVTOOLS_TUNED),
					this.temp.resolve("work"), root.resolve("bench/results/structural-figures.md")));
	}

}
