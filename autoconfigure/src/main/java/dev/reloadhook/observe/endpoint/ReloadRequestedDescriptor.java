package dev.reloadhook.observe.endpoint;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The acknowledgement of a reload request.
 *
 * @param requested whether the reload was queued
 * @param tier the tier asked for
 * @param generation the generation serving when it was requested
 * @author reload-hook
 */
public record ReloadRequestedDescriptor(boolean requested, String tier, int generation)
		implements OperationResponseBody {
}
