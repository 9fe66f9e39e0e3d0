package io.axion.snapshot.internal;

/** The body of {@code POST /api/v1/instances/{name}/snapshots}. */
public record SnapshotRequest(String name) {
}
