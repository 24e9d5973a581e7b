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
	 * Describe how changes are detected, for the log.
	 * @return the description
	 */
	String description();

	@Override
	void close();

}
