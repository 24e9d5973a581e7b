package dev.reloadhook.observe.endpoint;

import dev.reloadhook.observe.snapshot.SnapshotDiff;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The difference between two snapshots.
 *
 * @param diff the difference
 * @author reload-hook
 */
public record SnapshotDiffDescriptor(SnapshotDiff diff) implements OperationResponseBody {
}
