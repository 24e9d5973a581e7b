package dev.reloadhook.watch;

/**
 * Receives the change sets of a {@link ClassDirectoryWatcher}.
 *
 * @author reload-hook
 */
@FunctionalInterface
public interface ChangeListener {

	/**
	 * Called on the watcher's thread once a burst of changes has settled.
	 * @param changeSet the changes
	 */
	void onChange(ChangeSet changeSet);

}
