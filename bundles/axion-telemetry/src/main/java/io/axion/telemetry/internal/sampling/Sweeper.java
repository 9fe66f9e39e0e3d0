package io.axion.telemetry.internal.sampling;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.cgroup.CgroupReader;
import io.axion.telemetry.internal.cgroup.CgroupSample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the instances: reads each one's counters and turns them into usage. Confined to one thread. Public
 * for the benchmark in bench/.
 */
public final class Sweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final CgroupReader reader = new CgroupReader();
    private final UsageCalculator calculator = new UsageCalculator();
    private final Source source;
    private final RemoteStatePoller remote;
    private List<InstanceTarget> lastTargets;

    /** @param remote LXD's state API for instances without local cgroups; null never to call it */
    Sweeper(Source source, RemoteStatePoller remote) {
        this.source = source;
        this.remote = remote;
    }

    /** A sweeper that reads cgroups only, never LXD. */
    public static Sweeper cgroupsOnly() {
        return new Sweeper(Source.CGROUP, null);
    }

    /**
     * The usage of every instance that runs: cgroups first; then, when none of the instances LXD says are running
     * has a cgroup on this host (a remote LXD) or the source is {@code lxd}, LXD's state API for them. A local LXD
     * thus never sees a state call, and in an LXD cluster each node reads only the instances on its own host.
     */
    public List<InstanceUsage> sweep(List<InstanceTarget> targets, int hostThreads, Instant at) {
        List<InstanceUsage> usages = new ArrayList<>(targets.size());
        List<InstanceTarget> withoutCgroup = new ArrayList<>();
        Set<String> names = new HashSet<>(targets.size() * 2);
        for (InstanceTarget target : targets) {
            names.add(target.name());
            InstanceUsage usage = fromCgroup(target, hostThreads, at);
            if (usage != null) {
                usages.add(usage);
            } else if (target.running()) {
                withoutCgroup.add(target);
            }
        }
        boolean remoteLxd = source == Source.LXD || (source == Source.AUTO && usages.isEmpty());
        if (remote != null && remoteLxd) {
            for (InstanceTarget target : withoutCgroup) {
                InstanceUsage usage = fromLxd(target, hostThreads, at);
                if (usage != null) {
                    usages.add(usage);
                }
            }
        }
        calculator.retainOnly(names);
        if (remote != null) {
            remote.retainOnly(names);
        }
        if (targets != lastTargets) { // a new listing: let go of the files of instances that are gone
            lastTargets = targets;
            Set<Path> files = new HashSet<>(targets.size() * 4);
            for (InstanceTarget target : targets) {
                if (target.files() != null) {
                    files.add(target.files().cpu());
                    files.add(target.files().memory());
                    if (target.files().io() != null) {
                        files.add(target.files().io());
                        files.add(target.files().procs());
                    }
                }
            }
            reader.retainOnly(files);
        }
        return usages;
    }

    /** Closes the cgroup files it keeps open. */
    @Override
    public void close() {
        reader.close();
    }

    private InstanceUsage fromCgroup(InstanceTarget target, int hostThreads, Instant at) {
        if (source == Source.LXD || target.files() == null) {
            return null;
        }
        try {
            CgroupSample sample = reader.read(target.files());
            return sample == null ? null : calculator.update(target, sample, System.nanoTime(), hostThreads, at);
        } catch (IOException e) {
            LOG.debug("Cannot read the cgroup of {}: {}", target.name(), e.getMessage());
            return null;
        }
    }

    private InstanceUsage fromLxd(InstanceTarget target, int hostThreads, Instant at) {
        remote.request(target.name());
        RemoteStatePoller.Sample sample = remote.latest(target.name());
        return sample == null ? null : calculator.update(target, sample.cpuNanos(), sample.memoryBytes(),
                sample.sampledAtNanos(), hostThreads, at);
    }
}
