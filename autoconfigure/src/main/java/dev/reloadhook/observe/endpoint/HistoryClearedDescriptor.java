package dev.reloadhook.observe.endpoint;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The forgotten history.
 *
 * @param cleared how many records were forgotten
 * @author reload-hook
 */
public record HistoryClearedDescriptor(int cleared) implements OperationResponseBody {
}
