package io.axion.hpc.internal.queue;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.CreateQueue;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.job.Job;
import io.axion.api.store.Store;
import io.axion.hpc.internal.HpcConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The create queue: {@code queue: true} creates that found no room wait here (in the store) and start by
 * themselves once they fit. Every node looks every {@code queueSeconds}; the one that gets the cluster lock
 * dispatches, so an entry starts once even with many nodes, and a dead dispatcher's lease runs out.
 */
@Component(service = {CreateQueue.class, CreateQueueComponent.class}, configurationPid = HpcConfig.PID)
public class CreateQueueComponent implements CreateQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CreateQueueComponent.class);
    static final String DISPATCH_LOCK = "hpc-queue-dispatch";
    private static final Duration DISPATCH_LEASE = Duration.ofMinutes(2);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    @Reference
    private Store store;

    @Reference
    private ClusterService cluster;

    @Reference
    private InstanceService instances;

    private QueueStore queue;
    private QueueDispatcher dispatcher;
    private ScheduledExecutorService timer;
    /** Touched by the timer thread only. */
    private long lastPurgeNanos = System.nanoTime() - PURGE_EVERY.toNanos() - 1;
    /** On the dispatch thread, the name of the entry it is starting now. */
    private final ThreadLocal<String> starting = new ThreadLocal<>();

    @Activate
    void activate(HpcConfig config) {
        queue = new QueueStore(store, Clock.systemUTC());
        dispatcher = new QueueDispatcher(queue, this::createNow);
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "axion-hpc-queue"));
        timer.scheduleWithFixedDelay(this::tick, 1, Math.max(1, config.queueSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public QueuedCreate enqueue(CreateInstance request, String owner) {
        QueueEntry entry = queue.add(request, owner);
        LOG.info("Create {} ({}) waits in the queue for room, priority {}", entry.id(), entry.name(),
                entry.priority());
        timer.execute(this::tick);
        return position(entry.id()).orElseGet(() -> entry.view(null));
    }

    @Override
    public boolean holds(String name) {
        // The entry being started holds its name until its job exists, but not against its own create, which the
        // instance service checks on this same thread.
        return !name.equals(starting.get()) && queue.holds(name);
    }

    private Job createNow(CreateInstance request) {
        starting.set(request.name());
        try {
            return instances.create(request);
        } finally {
            starting.remove();
        }
    }

    /** The waiting entries in the order they will start, with their positions. */
    public List<QueuedCreate> waiting() {
        List<QueuedCreate> shown = new ArrayList<>();
        List<QueueEntry> ordered = dispatcher.ordered();
        for (int i = 0; i < ordered.size(); i++) {
            shown.add(ordered.get(i).view(i + 1));
        }
        return shown;
    }

    /** One entry, waiting (with its position) or left (started with its job, or failed with why). */
    public QueuedCreate get(String id) {
        return position(id).orElseGet(() -> queue.find(id).map(e -> e.view(null))
                .orElseThrow(() -> new NotFoundException("Queue entry", id)));
    }

    /**
     * Removes a waiting entry. Under the dispatch lock, so it cannot start while it is being cancelled.
     *
     * @param mayCancel whether the caller may cancel this entry (its owner, or an admin)
     */
    public QueuedCreate cancel(String id, Predicate<QueuedCreate> mayCancel) {
        QueuedCreate entry = get(id);
        if (!QueuedCreate.QUEUED.equals(entry.state())) {
            throw new ConflictException("not-queued", "Queue entry " + id + " has "
                    + entry.state() + " already");
        }
        if (!mayCancel.test(entry)) {
            throw new AxionException(403, "forbidden", "Forbidden", "Only its owner or an admin cancels queue entry "
                    + id);
        }
        boolean[] cancelled = new boolean[1];
        boolean locked;
        try {
            locked = underLock(CANCEL_WAIT, () -> cancelled[0] = queue.cancel(id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw new ServiceUnavailableException("queue-busy", "The create queue is busy dispatching; try again", null);
        }
        if (!cancelled[0]) {
            throw new ConflictException("not-queued", "Queue entry " + id + " left the queue meanwhile");
        }
        LOG.info("Queued create {} ({}) cancelled", id, entry.name());
        return entry;
    }

    private Optional<QueuedCreate> position(String id) {
        return waiting().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    private void tick() {
        try {
            // Left entries are kept a day: sweeping them once a minute is plenty, and spares a write each second.
            long now = System.nanoTime();
            if (now - lastPurgeNanos > PURGE_EVERY.toNanos()) {
                lastPurgeNanos = now;
                queue.purge();
            }
            if (queue.waiting().isEmpty()) {
                return;
            }
            underLock(Duration.ZERO, dispatcher::dispatch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("The create queue could not be dispatched: {}", e.getMessage(), e);
        }
    }

    /** Runs {@code work} holding the dispatch lock; false when another node kept the lock for the whole wait. */
    private boolean underLock(Duration wait, Runnable work) throws InterruptedException {
        Optional<ClusterLock> lock = cluster.tryLock(DISPATCH_LOCK, wait, DISPATCH_LEASE);
        if (lock.isEmpty()) {
            return false;
        }
        try (ClusterLock held = lock.get()) {
            work.run();
            return true;
        }
    }
}
