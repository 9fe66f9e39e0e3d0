package io.axion.telemetry.internal.sampling;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.cgroup.CgroupReader;
import io.axion.telemetry.internal.cgroup.CgroupSample;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pass over the instances: reads each one's counters and turns them into usage. Confined to one thread. */
final class Sweeper {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final CgroupReader reader = new CgroupReader();
    private final UsageCalculator calculator = new UsageCalculator();
    private final Source source;
    private final RemoteStatePoller remote;

    /** @param remote LXD's state API for instances without local cgroups; null never to call it */
    Sweeper(Source source, RemoteStatePoller remote) {
        this.source = source;
        this.remote = remote;
    }

    /** The usage of every instance that runs, in the order of {@code targets}. */
    List<InstanceUsage> sweep(List<InstanceTarget> targets, int hostThreads, Instant at) {
        List<InstanceUsage> usages = new ArrayList<>(targets.size());
        Set<String> names = new HashSet<>(targets.size() * 2);
        for (InstanceTarget target : targets) {
            names.add(target.name());
            InstanceUsage usage = sample(target, hostThreads, at);
            if (usage != null) {
                usages.add(usage);
            }
        }
        calculator.retainOnly(names);
        if (remote != null) {
            remote.retainOnly(names);
        }
        return usages;
    }

    private InstanceUsage sample(InstanceTarget target, int hostThreads, Instant at) {
        if (source != Source.LXD && target.files() != null) {
            try {
                CgroupSample sample = reader.read(target.files());
                if (sample != null) {
                    return calculator.update(target, sample.cpuNanos(), sample.memoryBytes(), System.nanoTime(),
                            hostThreads, at);
                }
            } catch (IOException e) {
                LOG.debug("Cannot read the cgroup of {}: {}", target.name(), e.getMessage());
                return null;
            }
        }
        // No cgroup here: stopped, or running on a host whose cgroups this node cannot see.
        if (source == Source.CGROUP || remote == null || !target.running()) {
            return null;
        }
        remote.request(target.name());
        RemoteStatePoller.Sample sample = remote.latest(target.name());
        return sample == null ? null : calculator.update(target, sample.cpuNanos(), sample.memoryBytes(),
                sample.sampledAtNanos(), hostThreads, at);
    }
}
