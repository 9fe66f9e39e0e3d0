package io.axion.api.instance;

import java.time.Instant;

/** A snapshot as listed with its instance ({@code GET /api/v1/instances/{name}}). */
public record SnapshotSummary(String name, Instant createdAt, boolean stateful) {
}
