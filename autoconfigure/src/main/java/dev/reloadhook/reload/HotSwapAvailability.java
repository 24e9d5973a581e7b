package dev.reloadhook.reload;

import org.jspecify.annotations.Nullable;

/**
 * Whether hot swap can run now, as the tier selection needs to know.
 *
 * @author reload-hook
 */
public interface HotSwapAvailability {

	/**
	 * Return why hot swap is not available.
	 * @return the reason, or {@code null} when it is available
	 */
	@Nullable String unavailableReason();

	/**
	 * Return whether a debugger is attached: a hot swap would silently drop its
	 * breakpoints.
	 * @return whether a debugger is attached
	 */
	boolean isDebuggerAttached();

}
