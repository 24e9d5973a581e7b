package dev.reloadhook.reload;

/**
 * Takes requests for a reload: what a manual trigger (the endpoint) needs, and no more.
 *
 * @author reload-hook
 */
@FunctionalInterface
public interface ReloadRequests {

	/**
	 * Ask for a reload. Returns at once; the reload runs in the background, and a request
	 * made while another waits to run joins it.
	 * @param trigger what asks for it
	 */
	void requestReload(ReloadTrigger trigger);

}
