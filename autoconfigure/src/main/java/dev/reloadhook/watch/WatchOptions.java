package dev.reloadhook.watch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link ClassDirectoryWatcher} detects changes and when it reports them.
 *
 * @param pollInterval when set, poll at this interval instead of using file system events
 * @param probe whether to check at start that file system events arrive (a probe file
 * written into the first root) and to poll when they do not
 * @param triggerFile when set, the name (relative to a root, or a simple file name) of a
 * file whose change reports everything collected since the last report; other changes
 * alone are only collected
 * @author reload-hook
 */
public record WatchOptions(@Nullable Duration pollInterval, boolean probe, @Nullable String triggerFile) {

	/** The interval of polling chosen because events did not arrive. */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

	/**
	 * Return the options of a watcher that uses file system events, unchecked, and reports
	 * every burst.
	 * @return the options
	 */
	public static WatchOptions events() {
		return new WatchOptions(null, false, null);
	}

}
