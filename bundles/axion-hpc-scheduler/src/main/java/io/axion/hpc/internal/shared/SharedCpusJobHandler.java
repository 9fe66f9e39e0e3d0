package io.axion.hpc.internal.shared;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.host.HostService;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.hpc.internal.HpcPlacementPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@value #TYPE}: rewrites the CPU set of a host's shared instances to the cores no dedicated instance holds, after
 * the host's dedicated set changed. Each instance is one LXD config update of both keys (set and allowance), so LXD
 * never holds a half-written instance; a job that failed half way runs again and finishes the rest, and one that
 * finds every instance right changes nothing. Jobs of one host take a cluster lock, so a later job (which reads the
 * later holdings) never has its writes overtaken by an earlier one's.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + SharedCpusJobHandler.TYPE)
public class SharedCpusJobHandler implements JobHandler {
    public static final String TYPE = "hpc.shared-cpus";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final Duration LOCK_LEASE = Duration.ofMinutes(2);

    @Reference
    private HpcPlacementPolicy policy;

    @Reference
    private HostService hosts;

    @Reference
    private ClusterService cluster;

    @Override
    public JobResult process(JobContext context) throws Exception {
        String host = String.valueOf(context.payload().get("host"));
        Optional<ClusterLock> lock = cluster.tryLock("hpc-shared-cpus-" + host, LOCK_WAIT, LOCK_LEASE);
        if (lock.isEmpty()) {
            return JobResult.retry("another rewrite of " + host + " is running");
        }
        try (ClusterLock held = lock.get()) {
            List<Integer> pool = SharedCpus.pool(policy.topology(host), policy.ledger().holdings(host));
            LxdInstances lxd = hosts.lxd(host).instances();
            Map<String, Map<String, String>> changes = SharedCpus.rewrites(lxd.list(), pool);
            for (Map.Entry<String, Map<String, String>> change : changes.entrySet()) {
                try {
                    lxd.patchConfig(change.getKey(), change.getValue());
                } catch (LxdNotFoundException deletedMeanwhile) {
                    // Nothing to confine any more.
                }
            }
            return JobResult.ok("shared instances of " + host + " on CPUs " + SharedCpus.config(pool, 1)
                    .get(SharedCpus.LIMITS_CPU) + ": " + changes.size() + " rewritten " + changes.keySet());
        }
    }
}
