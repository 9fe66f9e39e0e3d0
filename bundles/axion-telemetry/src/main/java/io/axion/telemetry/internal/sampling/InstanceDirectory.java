package io.axion.telemetry.internal.sampling;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdInstances;
import io.axion.telemetry.internal.cgroup.CgroupLayout;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances to sample: one LXD listing (no runtime state, ~30 ms for dozens of instances), repeated when an
 * instance's lifecycle changes and every few seconds in case an event was missed. Never one call per instance.
 */
final class InstanceDirectory implements LxdEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceDirectory.class);

    private final LxdInstances instances;
    private final String project;
    private final CgroupLayout layout;
    private final Executor lxdCalls;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile List<InstanceTarget> targets = List.of();
    private volatile boolean failing;

    /**
     * @param layout   the host's cgroups, or null when there are none to read
     * @param lxdCalls where listings run (never the sweeping thread: a slow LXD must not delay sweeps)
     */
    InstanceDirectory(LxdInstances instances, String project, CgroupLayout layout, Executor lxdCalls) {
        this.instances = instances;
        this.project = project;
        this.layout = layout;
        this.lxdCalls = lxdCalls;
    }

    List<InstanceTarget> targets() {
        return targets;
    }

    /** Asks for a new listing; requests made while one is queued share it. */
    void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            lxdCalls.execute(() -> {
                // Cleared before listing, so that a change during the call asks for one more listing.
                refreshQueued.set(false);
                refreshNow();
            });
        }
    }

    /** Lists now, on the calling thread; a failure keeps the previous listing. */
    void refreshNow() {
        try {
            List<InstanceInfo> listed = instances.list();
            targets = listed.stream().map(info -> InstanceTarget.of(info, project, layout)).toList();
            if (failing) {
                LOG.info("Listing instances works again ({} instances)", listed.size());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Listing instances for telemetry failed, keeping the last listing: {}", e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void onEvent(LxdEvent event) {
        if (event.kind() == LxdEvent.Kind.LIFECYCLE && event.instance() != null) {
            refreshSoon();
        }
    }

    @Override
    public void onResync() {
        refreshSoon();
    }
}
