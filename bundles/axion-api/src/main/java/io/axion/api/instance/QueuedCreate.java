package io.axion.api.instance;

import java.time.Instant;

/**
 * A create waiting in the create queue ({@code GET /api/v1/queue}), or one that left it.
 *
 * @param state    {@code queued} (waiting), {@code started} (placed: {@code jobId} is its create job) or {@code failed}
 *                 ({@code reason} says why, e.g. the name was taken meanwhile)
 * @param position 1 for the next to start, among those queued; null once it left the queue
 */
public record QueuedCreate(String id, String name, String owner, int priority, Integer cpu, Integer memoryMiB,
                           String cpuPolicy, Integer gpus, Instant queuedAt, String state, Integer position,
                           String jobId, String reason) {
    public static final String QUEUED = "queued";
    public static final String STARTED = "started";
    public static final String FAILED = "failed";
}
