package io.axion.hpc.internal.shared;

import io.axion.api.lxd.InstanceInfo;
import io.axion.hpc.internal.allocation.CpuSet;
import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.topology.CpuThread;
import io.axion.hpc.internal.topology.HostTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where shared instances run: on the host's CPUs that no dedicated instance holds. A shared instance is written
 * with that pool as its CPU set ({@code limits.cpu}) and its core count as a time allowance
 * ({@code limits.cpu.allowance}, {@code N*100ms/100ms}), since a set in {@code limits.cpu} would otherwise be read
 * as its count. Pure, so the rewrite decisions are tested without LXD.
 */
public final class SharedCpus {
    public static final String LIMITS_CPU = "limits.cpu";
    public static final String ALLOWANCE = "limits.cpu.allowance";
    public static final String POLICY_KEY = "user.axion.cpu-policy";

    private SharedCpus() {
    }

    /** The CPUs shared instances may use: the unpinned ones, or every CPU when dedicated instances hold them all. */
    public static List<Integer> pool(HostTopology topology, Holdings held) {
        List<Integer> all = topology.threads().stream().map(CpuThread::id).toList();
        List<Integer> free = all.stream().filter(cpu -> !held.cpuOwners().containsKey(cpu)).toList();
        // No core left unpinned: a shared instance still has to run somewhere, so it competes on all of them.
        return free.isEmpty() ? all : free;
    }

    /** The config keys that confine a shared instance of {@code cores} cores to {@code pool}. */
    public static Map<String, String> config(List<Integer> pool, int cores) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(LIMITS_CPU, CpuSet.format(pool));
        config.put(ALLOWANCE, cores * 100 + "ms/100ms");
        return config;
    }

    /**
     * The changes that bring a host's shared instances onto {@code pool}, by instance: only those whose config
     * differs (a second run changes nothing). Dedicated instances, instances the scheduler did not place and
     * instances without a core count are left alone.
     */
    public static Map<String, Map<String, String>> rewrites(List<InstanceInfo> instances, List<Integer> pool) {
        Map<String, Map<String, String>> changes = new LinkedHashMap<>();
        for (InstanceInfo instance : instances) {
            if (!"shared".equals(instance.config().get(POLICY_KEY)) || instance.cpu() == null) {
                continue;
            }
            Map<String, String> wanted = config(pool, instance.cpu());
            boolean same = wanted.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(instance.config().get(e.getKey())));
            if (!same) {
                changes.put(instance.name(), wanted);
            }
        }
        return changes;
    }
}
