package dev.reloadhook.observe.endpoint;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The kept reloads.
 *
 * @param reloads the reloads, oldest first
 * @author reload-hook
 */
public record HistoryDescriptor(List<ReloadDescriptor> reloads) implements OperationResponseBody {
}
