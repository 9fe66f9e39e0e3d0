package io.axion.api.lxd;

import java.time.Instant;

/** A snapshot of an instance; {@code stateful} when it holds the running state too. */
public record SnapshotInfo(String name, Instant createdAt, boolean stateful) {
}
