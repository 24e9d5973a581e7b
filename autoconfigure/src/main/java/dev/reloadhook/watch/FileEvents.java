package dev.reloadhook.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a {@link ClassDirectoryWatcher}'s file changes come from: the operating system's
 * events, or polling. Each change is handed to the sink as it is seen, from a thread of
 * the source's own.
 *
 * @author reload-hook
 */
interface FileEvents extends AutoCloseable {

	/**
	 * Start reporting the changes below the roots.
	 * @param roots the directories, watched recursively
	 * @param sink receives each change
	 */
	void start(List<Path> roots, Consumer<ChangedFile> sink);

	/**
	 * Watch a root again after it was removed and created again (a clean build): its
	 * files are reported as added. Sources that look at the roots afresh each time need
	 * nothing.
	 * @param root the root, one of those given to {@link #start}
	 */
	default void rewatch(Path root) {
	}

	/**
	 * Describe how changes are detected, for the log.
	 * @return the description
	 */
	String description();

	@Override
	void close();

}
