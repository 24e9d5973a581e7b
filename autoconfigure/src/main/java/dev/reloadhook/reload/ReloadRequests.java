package dev.reloadhook.reload;

/**
 * Where reloads are asked for: the watcher, source mode and the endpoint see only this.
 *
 * @author reload-hook
 */
@FunctionalInterface
public interface ReloadRequests {

	/**
	 * Ask for a reload. Returns at once; a request made while a reload is waiting to run
	 * joins that reload.
	 * @param trigger what asks for it
	 */
	void requestReload(ReloadTrigger trigger);

}
