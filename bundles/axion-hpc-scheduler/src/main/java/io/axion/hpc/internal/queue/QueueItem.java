package io.axion.hpc.internal.queue;

import io.axion.api.instance.QueuedCreate;
import java.time.Instant;

/**
 * One line of {@code GET /api/v1/queue}: a waiting create or a waiting gang. Creates and gangs are two queues, each
 * dispatched in its own order (a gang waits whole until all of it fits), so {@code position} counts within its
 * kind.
 *
 * @param kind  {@value #CREATE} or {@value #GANG}
 * @param id    what {@code DELETE /api/v1/queue/{id}} takes: a create's entry id, or {@code gang:<name>}
 * @param cpu   cores of the instance (of each member, for a gang)
 * @param count instances it makes: 1 for a create, the members of a gang
 */
public record QueueItem(String kind, String id, String name, String owner, int priority, Integer cpu,
                        Integer memoryMiB, String cpuPolicy, Integer gpus, int count, Instant queuedAt, String state,
                        Integer position, String jobId, String reason) {
    public static final String CREATE = "create";
    public static final String GANG = "gang";
    /** The prefix of a gang's queue id; instance and gang names cannot hold ':', so it never meets an entry id. */
    public static final String GANG_PREFIX = "gang:";

    public static QueueItem of(QueuedCreate create) {
        return new QueueItem(CREATE, create.id(), create.name(), create.owner(), create.priority(), create.cpu(),
                create.memoryMiB(), create.cpuPolicy(), create.gpus(), 1, create.queuedAt(), create.state(),
                create.position(), create.jobId(), create.reason());
    }

    public static boolean isGang(String id) {
        return id != null && id.startsWith(GANG_PREFIX);
    }

    public static String gangName(String id) {
        return id.substring(GANG_PREFIX.length());
    }
}
