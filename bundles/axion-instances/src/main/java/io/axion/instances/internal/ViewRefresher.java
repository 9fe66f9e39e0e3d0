package io.axion.instances.internal;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdInstances;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one host's part of the instance view current, on the host's owner: re-reads one instance (one cheap {@code GET /1.0/instances/NAME}, no state
 * call) when LXD reports an event about it, re-lists everything ({@code recursion=1}, one call) periodically and
 * when the driver says events may have been missed. All LXD reads run on one background thread; events only mark
 * names dirty, so a burst of events about one instance costs one read. An event is not followed by a read at all
 * when a read of that instance began after it arrived (a job re-reads what it changed as it finishes, and LXD's
 * events of that change come at about the same time): reads are briefly held back to let that happen.
 */
final class ViewRefresher implements LxdEventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewRefresher.class);
    private static final long STALE_RETRY_MILLIS = 2_000;
    /** How long events gather before their reads, so that a job's own read can make them unnecessary. */
    private static final long DRAIN_DELAY_MILLIS = 30;

    /** Where what the refresher reads goes: the owner's writes to the view and the cluster. */
    interface Sink {
        void put(InstanceInfo info, long stamp);

        void remove(String name, long stamp);

        void replaceAll(List<InstanceInfo> all, long stamp);

        /** Whether one full listing has been applied. */
        boolean listed();
    }

    private final String host;
    private final LxdInstances lxd;
    private final Sink view;
    private final Stamps stamps;
    private final Consumer<String> touched;
    private final long drainDelayMillis;
    private final ScheduledExecutorService executor;
    /** Instances to re-read, each with the stamp of its latest event. */
    private final Map<String, Long> dirty = new ConcurrentHashMap<>();
    /** The stamp taken as the latest read of each instance began: a read newer than an event has seen its change. */
    private final Map<String, Long> readSince = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean reconcileScheduled = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    /** Re-syncs asked for (events may have been missed), and the count of them the last good listing followed. */
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong listedAfter = new AtomicLong(-1);

    /**
     * @param touched told the name of every instance re-read after an event (e.g. to drop cached snapshots)
     */
    ViewRefresher(String host, LxdInstances lxd, Sink view, Stamps stamps, Consumer<String> touched) {
        this(host, lxd, view, stamps, touched, DRAIN_DELAY_MILLIS);
    }

    /** For tests: {@code drainDelayMillis} long enough that what a test does in between surely falls inside it. */
    ViewRefresher(String host, LxdInstances lxd, Sink view, Stamps stamps, Consumer<String> touched,
                  long drainDelayMillis) {
        this.drainDelayMillis = drainDelayMillis;
        this.host = host;
        this.lxd = lxd;
        this.view = view;
        this.stamps = stamps;
        this.touched = touched;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "axion-instance-view-" + host);
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
        LOG.info("LXD's event stream of host {} reconnected; re-listing its instances", host);
        resyncs.incrementAndGet();
        requestReconcile();
    }

    /** Re-reads one instance soon, on the refresher's thread. */
    void markDirty(String name) {
        dirty.merge(name, stamps.next(), Math::max);
        if (drainScheduled.compareAndSet(false, true)) {
            executor.schedule(this::drain, drainDelayMillis, TimeUnit.MILLISECONDS);
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
        readSince.merge(name, stamp, Math::max);
        Optional<InstanceInfo> info = lxd.find(name);
        if (info.isPresent()) {
            view.put(info.get(), stamp);
        } else {
            view.remove(name, stamp);
            // Gone: forget it (an event about a later instance of that name then is simply read).
            readSince.remove(name);
        }
        touched.accept(name);
        return info;
    }

    /** The whole listing now, on the caller's thread. */
    void reconcile() {
        long asked = resyncs.get();
        long stamp = stamps.next();
        List<InstanceInfo> all = lxd.list();
        view.replaceAll(all, stamp);
        listedAfter.accumulateAndGet(asked, Math::max);
    }

    /**
     * Whether the view holds a listing made since the last time events may have been missed (none at all before
     * the first listing); events keep it current from there.
     */
    boolean current() {
        return listedAfter.get() >= resyncs.get();
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("Listing the instances of host {} failed ({}); the view keeps what it had", host,
                    e.getMessage());
            if (!current() && retryScheduled.compareAndSet(false, true)) {
                // Nothing listed yet, or events were missed: do not wait a whole period before the next try.
                executor.schedule(() -> {
                    retryScheduled.set(false);
                    reconcileQuietly();
                }, STALE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (String name : List.copyOf(dirty.keySet())) {
            Long event = dirty.remove(name);
            Long read = readSince.get(name);
            if (event == null || read != null && read > event) {
                continue;
            }
            try {
                refreshNow(name);
            } catch (RuntimeException e) {
                LOG.warn("Reading instance {} of host {} after an LXD event failed ({}); the next reconcile fixes "
                        + "it", name, host, e.getMessage());
            }
        }
    }

    /** For tests: events not yet read or dismissed. */
    int pendingReads() {
        return dirty.size();
    }

    /** For tests: returns once every task queued on the refresher's thread so far has run. */
    void awaitQueued() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
