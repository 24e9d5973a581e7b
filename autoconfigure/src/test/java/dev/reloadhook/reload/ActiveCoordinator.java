package dev.reloadhook.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.observe.snapshot.Snapshots;
import dev.reloadhook.reload.restart.ClassDirectories;
import dev.reloadhook.reload.restart.MainMethod;

/**
 * A coordinator made the one of this JVM (what {@link ReloadCoordinator#instance()}
 * returns) without starting any generation, until closed. Like the boot listener's, it
 * keeps snapshots.
 */
public final class ActiveCoordinator implements AutoCloseable {

	private final ReloadCoordinator coordinator;

	private ActiveCoordinator(ReloadCoordinator coordinator) {
		this.coordinator = coordinator;
	}

	/**
	 * Make a coordinator over a class directory in the given directory active.
	 */
	public static ActiveCoordinator activate(Path directory) throws IOException {
		if (ReloadCoordinator.instance() != null) {
			throw new IllegalStateException("A reload coordinator is already active in this JVM");
		}
		Path classes = Files.createDirectories(directory.resolve("classes"));
		ReloadCoordinator coordinator = new ReloadCoordinator(new MainMethod("no.such.Main"), new String[0],
				ClassDirectories.fromClassPath(classes.toString()), new ReloadHookProperties());
		// As the boot listener does: the endpoint shows and takes snapshots.
		coordinator.addGenerationListener(new Snapshots(coordinator, 10, true));
		ReloadCoordinator.activate(coordinator);
		return new ActiveCoordinator(coordinator);
	}

	public ReloadCoordinator coordinator() {
		return this.coordinator;
	}

	@Override
	public void close() {
		ReloadCoordinator.activate(null);
	}

}
