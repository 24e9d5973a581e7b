package dev.reloadhook.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.GenerationLifecycle;
import dev.reloadhook.reload.restart.Generations;
import dev.reloadhook.reload.restart.MainMethod;
import dev.reloadhook.reload.warm.MissingClasses;

/**
 * A {@link ReloadState} over no generation, an empty history and the given listeners,
 * for tests of what reads it.
 */
public final class ReloadStates {

	private ReloadStates() {
	}

	public static ReloadState of(Path directory, GenerationListeners listeners) throws IOException {
		ClassDirectories classDirectories = ClassDirectories
			.fromClassPath(Files.createDirectories(directory.resolve("classes")).toString());
		GenerationLifecycle lifecycle = new GenerationLifecycle(new Generations(new MainMethod("no.such.Main"),
				new String[0], classDirectories, ReloadStates.class.getClassLoader(), MissingClasses::new));
		return new ReloadState(lifecycle, new ReloadHistory(new ReloadHookProperties().getHistory().getSize()),
				classDirectories, listeners, () -> false, () -> false, () -> null);
	}

}
