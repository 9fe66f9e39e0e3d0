package io.axion.telemetry.internal.sampling;

import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdInstances;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage from LXD's state API for instances whose cgroups are not on this host (a remote LXD). Each call costs
 * ~100-150 ms, so calls run beside the sweeps, a few at a time, at most one per instance in flight and none for
 * an instance sampled less than an interval ago; a sweep uses the newest answer there is.
 */
final class RemoteStatePoller {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteStatePoller.class);

    private final LxdInstances instances;
    private final Executor lxdCalls;
    private final Semaphore permits;
    private final long intervalNanos;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    RemoteStatePoller(LxdInstances instances, Executor lxdCalls, int parallelism, long intervalNanos) {
        this.instances = instances;
        this.lxdCalls = lxdCalls;
        this.permits = new Semaphore(Math.max(1, parallelism));
        this.intervalNanos = intervalNanos;
    }

    /** The newest answer for the instance, or null when none arrived yet. */
    Sample latest(String name) {
        return samples.get(name);
    }

    /** Starts a state call for the instance unless one runs, the last is recent, or all permits are taken. */
    void request(String name) {
        Sample last = samples.get(name);
        if (last != null && System.nanoTime() - last.sampledAtNanos < intervalNanos) {
            return;
        }
        if (!inFlight.add(name)) {
            return;
        }
        if (!permits.tryAcquire()) {
            inFlight.remove(name);
            return;
        }
        try {
            lxdCalls.execute(() -> poll(name));
        } catch (RuntimeException e) {
            permits.release();
            inFlight.remove(name);
        }
    }

    void retainOnly(Set<String> names) {
        samples.keySet().retainAll(names);
    }

    private void poll(String name) {
        try {
            InstanceState state = instances.state(name);
            if (state.status() == InstanceStatus.RUNNING || state.status() == InstanceStatus.FROZEN) {
                samples.put(name, new Sample(state.cpuUsageNanos(), state.memoryUsageBytes(), System.nanoTime()));
            } else {
                samples.remove(name);
            }
        } catch (RuntimeException e) {
            LOG.debug("State of {} unavailable: {}", name, e.getMessage());
        } finally {
            inFlight.remove(name);
            permits.release();
        }
    }

    record Sample(long cpuNanos, long memoryBytes, long sampledAtNanos) {
    }
}
