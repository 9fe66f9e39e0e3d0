package io.axion.auth.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.SharedMapListener;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every node's copy of the accounts in step: a node that changes a user stamps its name in a shared map, and
 * every node hears of the stamp within milliseconds and reads that user again from the store, so a password change
 * or a deletion on one node revokes the user's tokens (and closes their WebSockets) on all. The store stays the
 * truth: the map carries only names, and a full re-read every {@code resyncSeconds} mends anything a partition made
 * a node miss.
 */
final class UserChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserChanges.class);
    static final String MAP = "axion-auth-user-changes";

    private final ConcurrentMap<String, String> stamps;
    private final AutoCloseable subscription;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "axion-auth-user-changes");
        thread.setDaemon(true);
        return thread;
    });

    UserChanges(ClusterService cluster, Consumer<String> refresh, Runnable resync, long resyncSeconds) {
        this.stamps = cluster.sharedMap(MAP);
        // Cluster threads must return quickly: the store is read on this class's own thread.
        this.subscription = cluster.listen(MAP, new SharedMapListener() {
            @Override
            public void entryUpdated(String key, String value) {
                worker.execute(() -> run(() -> refresh.accept(key)));
            }

            @Override
            public void entryRemoved(String key) {
                worker.execute(() -> run(() -> refresh.accept(key)));
            }
        });
        worker.scheduleWithFixedDelay(() -> run(resync), resyncSeconds, resyncSeconds, TimeUnit.SECONDS);
    }

    /** Tells every node that {@code username} changed (this node too, which finds its copy already current). */
    void announce(String username) {
        stamps.put(username, UUID.randomUUID().toString());
    }

    private static void run(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("Reading accounts changed on another node failed; the next re-read retries", e);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Closing the account change subscription failed", e);
        }
        worker.shutdownNow();
    }
}
