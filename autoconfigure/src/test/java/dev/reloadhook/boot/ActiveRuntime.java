package dev.reloadhook.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.MainMethod;

/**
 * A runtime made the one of this JVM (what {@link ReloadRuntime#current()} returns)
 * without starting any generation, until closed.
 */
public final class ActiveRuntime implements AutoCloseable {

	private final ReloadRuntime runtime;

	private ActiveRuntime(ReloadRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Make a runtime over a class directory in the given directory active.
	 */
	public static ActiveRuntime activate(Path directory) throws IOException {
		if (ReloadRuntime.current() != null) {
			throw new IllegalStateException("A reload runtime is already active in this JVM");
		}
		ReloadRuntime runtime = create(directory, new ReloadHookProperties());
		ReloadRuntime.activate(runtime);
		return new ActiveRuntime(runtime);
	}

	/**
	 * Create a runtime over a class directory in the given directory whose main class
	 * does not exist: every restart fails.
	 */
	public static ReloadRuntime create(Path directory, ReloadHookProperties properties) throws IOException {
		Path classes = Files.createDirectories(directory.resolve("classes"));
		return new ReloadRuntime(new MainMethod("no.such.Main"), new String[0],
				ClassDirectories.fromClassPath(classes.toString()), properties);
	}

	public ReloadRuntime runtime() {
		return this.runtime;
	}

	@Override
	public void close() {
		ReloadRuntime.activate(null);
	}

}
