package io.axion.hpc.internal.gang;

import io.axion.hpc.internal.queue.QueueItem;
import io.axion.hpc.internal.queue.QueueOrder;
import java.util.Comparator;
import java.util.List;

/**
 * The waiting gangs as a queue: the order they are dispatched in (the creates' rules: priority, then turns between
 * owners, then age) and how one shows in {@code GET /api/v1/queue}.
 */
public final class GangQueue {
    private static final Comparator<GangStore.Gang> ARRIVAL = Comparator.comparing(GangStore.Gang::createdAt)
            .thenComparing(GangStore.Gang::name);

    private GangQueue() {
    }

    /** Queued gangs, next to start first. */
    public static List<GangStore.Gang> order(List<GangStore.Gang> queued) {
        return QueueOrder.of(queued, g -> g.request().priorityOrDefault(), g -> g.owner() == null ? "" : g.owner(),
                ARRIVAL);
    }

    /** @param position 1 for the next gang to start; null when it is not waiting */
    public static QueueItem item(GangStore.Gang gang, Integer position) {
        GangRequest request = gang.request();
        GangRequest.Template template = request.template();
        return new QueueItem(QueueItem.GANG, QueueItem.GANG_PREFIX + gang.name(), gang.name(), gang.owner(),
                request.priorityOrDefault(), template.cpu(), template.memoryMiB(), template.cpuPolicy(),
                template.gpus(), request.count(), gang.createdAt(), state(gang.state()), position, gang.jobId(),
                gang.reason());
    }

    /** The gang's state in the queue's words: waiting, left it (placed), or failed. */
    static String state(String gangState) {
        return switch (gangState) {
            case GangStore.QUEUED -> "queued";
            case GangStore.FAILED -> "failed";
            default -> "started";
        };
    }
}
