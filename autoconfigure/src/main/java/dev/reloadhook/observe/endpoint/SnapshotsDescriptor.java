package dev.reloadhook.observe.endpoint;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The kept snapshots.
 *
 * @param snapshots the snapshots, oldest first
 * @author reload-hook
 */
public record SnapshotsDescriptor(List<SnapshotSummary> snapshots) implements OperationResponseBody {
}
