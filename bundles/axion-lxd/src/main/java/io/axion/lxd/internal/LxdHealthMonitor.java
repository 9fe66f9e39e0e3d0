package io.axion.lxd.internal;

import io.axion.api.lxd.LxdStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps {@link LxdStatus} current without a call per health request: {@code GET /1.0} every interval (1 s by
 * default, 2 s deadline), and at once when a request or the event socket finds LXD gone. Also creates Axion's
 * project once LXD answers.
 */
public final class LxdHealthMonitor implements LxdStatus {
    private static final Logger LOG = LoggerFactory.getLogger(LxdHealthMonitor.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final LxdConnection lxd;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "axion-lxd-health");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean extraCheckQueued = new AtomicBoolean();
    private final Runnable outageListener = this::checkSoon;
    private volatile boolean reachable;
    private volatile String serverVersion;
    private volatile boolean projectReady;
    private volatile boolean untrustedReported;
    public LxdHealthMonitor(LxdConnection lxd) {
        this.lxd = lxd;
        lxd.addOutageListener(outageListener);
        long interval = lxd.settings().healthInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean reachable() {
        return reachable;
    }

    @Override
    public Optional<String> serverVersion() {
        return reachable ? Optional.ofNullable(serverVersion) : Optional.empty();
    }
    public void close() {
        lxd.removeOutageListener(outageListener);
        scheduler.shutdownNow();
    }

    /** Checks now (once), unless LXD is already known to be down: the periodic check then finds it back. */
    private void checkSoon() {
        if (reachable && extraCheckQueued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                extraCheckQueued.set(false);
                check();
            });
        }
    }

    void check() {
        try {
            ServerInfo info = lxd.fetchServerInfo(PROBE_TIMEOUT);
            serverVersion = info.version();
            if (!info.trusted()) {
                // A remote LXD answers untrusted clients too, but will do nothing for them.
                if (!untrustedReported) {
                    LOG.warn("LXD at {} does not trust Axion's client certificate; on the LXD host run: "
                            + "lxc config trust add <client.crt from {}>", lxd.settings().url(), lxd.settings().dataDir());
                    untrustedReported = true;
                }
                reachable = false;
                return;
            }
            untrustedReported = false;
            if (!reachable) {
                LOG.info("LXD {} is reachable", info.version());
            }
            reachable = true;
            ensureProject();
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.warn("LXD became unreachable: {}", e.getMessage());
            }
            reachable = false;
        }
    }

    private void ensureProject() {
        if (projectReady) {
            return;
        }
        try {
            lxd.ensureProject();
            projectReady = true;
        } catch (RuntimeException e) {
            LOG.warn("Cannot prepare LXD project {}: {}", lxd.project(), e.getMessage());
        }
    }
}
