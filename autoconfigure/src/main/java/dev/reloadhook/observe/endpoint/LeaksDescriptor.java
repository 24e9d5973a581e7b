package dev.reloadhook.observe.endpoint;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The leak suspects.
 *
 * @param leaks the suspects, oldest first
 * @author reload-hook
 */
public record LeaksDescriptor(List<LeakDescriptor> leaks) implements OperationResponseBody {
}
