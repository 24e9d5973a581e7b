package dev.reloadhook.serve.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Runs an action once an asynchronous request has completed. The container completes a
 * request after a time-out or an error too, so completion is the one event to wait for.
 *
 * @param action what to run
 * @author reload-hook
 */
public record OnAsyncComplete(Runnable action) implements AsyncListener {

	@Override
	public void onComplete(AsyncEvent event) {
		this.action.run();
	}

	@Override
	public void onTimeout(AsyncEvent event) {
	}

	@Override
	public void onError(AsyncEvent event) {
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
		// Started again by an asynchronous dispatch: the container has cleared its
		// listeners, so this one adds itself again.
		event.getAsyncContext().addListener(this);
	}

}
