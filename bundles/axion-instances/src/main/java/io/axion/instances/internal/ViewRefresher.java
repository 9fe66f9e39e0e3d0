package io.axion.instances.internal;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdInstances;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link InstanceView} current: re-reads one instance (one cheap {@code GET /1.0/instances/NAME}, no state
 * call) when LXD reports an event about it, re-lists everything ({@code recursion=1}, one call) periodically and
 * when the driver says events may have been missed. All LXD reads run on one background thread; events only mark
 * names dirty, so a burst of events about one instance costs one read.
 */
final class ViewRefresher implements LxdEventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewRefresher.class);

    private final LxdInstances lxd;
    private final InstanceView view;
    private final Stamps stamps;
    private final Consumer<String> touched;
    private final ScheduledExecutorService executor;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean reconcileScheduled = new AtomicBoolean();

    /**
     * @param touched told the name of every instance re-read after an event (e.g. to drop cached snapshots)
     */
    ViewRefresher(LxdInstances lxd, InstanceView view, Stamps stamps, Consumer<String> touched) {
        this.lxd = lxd;
        this.view = view;
        this.stamps = stamps;
        this.touched = touched;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "axion-instance-view");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lists at once and then every {@code period}. */
    void start(Duration period) {
        executor.scheduleWithFixedDelay(this::reconcileQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onEvent(LxdEvent event) {
        if (event.instance() == null) {
            return;
        }
        // Lifecycle events name what changed; an operation's end (success/failure) may change status or config too.
        if (event.kind() == LxdEvent.Kind.LIFECYCLE || "success".equals(event.action())
                || "failure".equals(event.action())) {
            markDirty(event.instance());
        }
    }

    @Override
    public void onResync() {
        LOG.info("LXD's event stream reconnected; re-listing instances");
        requestReconcile();
    }

    /** Re-reads one instance soon, on the refresher's thread. */
    void markDirty(String name) {
        dirty.add(name);
        if (drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    void requestReconcile() {
        if (reconcileScheduled.compareAndSet(false, true)) {
            executor.execute(() -> {
                reconcileScheduled.set(false);
                reconcileQuietly();
            });
        }
    }

    /** Reads one instance now, on the caller's thread (a job that just changed it), and applies what LXD says. */
    Optional<InstanceInfo> refreshNow(String name) {
        long stamp = stamps.next();
        Optional<InstanceInfo> info = lxd.find(name);
        if (info.isPresent()) {
            view.put(info.get(), stamp);
        } else {
            view.remove(name, stamp);
        }
        touched.accept(name);
        return info;
    }

    /** The whole listing now, on the caller's thread. */
    void reconcile() {
        long stamp = stamps.next();
        List<InstanceInfo> all = lxd.list();
        view.replaceAll(all, stamp);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("Listing LXD's instances failed ({}); the view keeps what it had", e.getMessage());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (String name : List.copyOf(dirty)) {
            dirty.remove(name);
            try {
                refreshNow(name);
            } catch (RuntimeException e) {
                LOG.warn("Reading instance {} after an LXD event failed ({}); the next reconcile fixes it", name,
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
