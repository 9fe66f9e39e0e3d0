package io.axion.hpc.internal.queue;

import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.QueuedCreate;
import java.time.Instant;

/** A row of {@code hpc_queue}: the waiting create with its request; {@code seq} is its arrival number. */
record QueueEntry(String id, String owner, CreateInstance request, Instant queuedAt, long seq, String state,
                  String jobId, String reason) {

    String name() {
        return request.name();
    }

    int priority() {
        return request.priorityOrDefault();
    }

    /** Owner-less requests (no authentication in front) share one fair-share account. */
    String account() {
        return owner == null ? "" : owner;
    }

    QueuedCreate view(Integer position) {
        return new QueuedCreate(id, name(), owner, priority(), request.cpu(), request.memoryMiB(),
                request.cpuPolicy(), request.gpus(), queuedAt, state, position, jobId, reason);
    }
}
