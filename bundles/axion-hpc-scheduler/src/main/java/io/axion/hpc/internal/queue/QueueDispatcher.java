package io.axion.hpc.internal.queue;

import io.axion.api.error.AxionException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.job.Job;
import io.axion.api.quota.QuotaExceededException;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the queue: starts waiting creates in {@link QueueOrder} until the first that still finds no room.
 * Free of OSGi and of the cluster lock: the caller holds the lock, so only one node dispatches at a time.
 */
final class QueueDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDispatcher.class);

    private final QueueStore queue;
    private final Function<CreateInstance, Job> create;

    QueueDispatcher(QueueStore queue, Function<CreateInstance, Job> create) {
        this.queue = queue;
        this.create = create;
    }

    /** @return how many entries started */
    int dispatch() {
        int started = 0;
        for (QueueEntry entry : QueueOrder.of(queue.waiting())) {
            Job job;
            try {
                job = create.apply(entry.request());
            } catch (QuotaExceededException stillFull) {
                // Strict order: the head waits and so does everyone behind it.
                LOG.debug("Queued create {} ({}) still finds no room", entry.id(), entry.name());
                break;
            } catch (AxionException refused) {
                // The request can never start as it is (its name was taken meanwhile, its host is gone): it leaves
                // the queue, failed, rather than blocking it.
                if (queue.leave(entry.id(), QueuedCreate.FAILED, null, refused.getMessage())) {
                    LOG.info("Queued create {} ({}) failed: {}", entry.id(), entry.name(), refused.getMessage());
                }
                continue;
            }
            if (queue.leave(entry.id(), QueuedCreate.STARTED, job.id(), null)) {
                started++;
                LOG.info("Queued create {} ({}) started as job {}", entry.id(), entry.name(), job.id());
            }
        }
        return started;
    }

    List<QueueEntry> ordered() {
        return QueueOrder.of(queue.waiting());
    }
}
