package io.axion.snapshot.internal;

import io.axion.api.host.HostService;
import io.axion.api.host.InstanceRouter;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.TransientJobException;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.ForwardService;
import io.axion.api.snapshot.SnapshotJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Restores an instance to a snapshot: stops it when it runs, restores, puts back its CPU and memory limits and its
 * port forwards (see {@link RestoreMarker}), and starts it again if it ran. Safe to repeat: each step checks
 * before it acts, and a second restore of the same snapshot gives the same result.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + SnapshotJobs.RESTORE)
public class RestoreSnapshotHandler implements JobHandler {
    private static final Duration PORT_LOCK_WAIT = Duration.ofSeconds(10);
    private static final Duration PORT_LOCK_LEASE = Duration.ofMinutes(3);

    private final LxdInstances instances;
    private final LxdSnapshots snapshots;
    private final LxdForwards forwards;
    private final ClusterService cluster;

    @Activate
    public RestoreSnapshotHandler(@Reference HostService hosts, @Reference InstanceService view,
                                  @Reference ClusterService cluster) {
        this(new InstanceRouter(hosts, name -> view.find(name).map(Instance::host)), cluster);
    }

    private RestoreSnapshotHandler(InstanceRouter router, ClusterService cluster) {
        this(router.instances(), router.snapshots(), router.forwards(), cluster);
    }

    RestoreSnapshotHandler(LxdInstances instances, LxdSnapshots snapshots, LxdForwards forwards,
                           ClusterService cluster) {
        this.instances = instances;
        this.snapshots = snapshots;
        this.forwards = forwards;
        this.cluster = cluster;
    }

    @Override
    public JobResult process(JobContext context) throws InterruptedException {
        String name = context.instance();
        String snapshot = SnapshotJob.snapshot(context);
        InstanceInfo instance = instances.get(name);
        if (!SnapshotJob.exists(snapshots, name, snapshot)) {
            throw new LxdNotFoundException("Snapshot", name + "/" + snapshot);
        }
        RestoreMarker kept = RestoreMarker.left(instance).orElseGet(() -> RestoreMarker.of(instance));
        if (!instance.config().containsKey(RestoreMarker.KEY)) {
            instances.patchConfig(name, Map.of(RestoreMarker.KEY, kept.json()));
        }
        if (instance.status() != InstanceStatus.STOPPED) {
            context.log("Stopping " + name);
            instances.stop(name);
        }
        // From the restore until the forwards are back, they are absent from LXD: nobody may take their ports.
        List<ClusterLock> portLocks = lockPorts(context.host() == null ? "" : context.host(), kept.forwards());
        try {
            snapshots.restore(name, snapshot);
            context.log("Restored " + name + " to " + snapshot);
            Map<String, String> settings = new HashMap<>();
            settings.put(RestoreMarker.LIMITS_CPU, kept.cpu());
            settings.put(RestoreMarker.LIMITS_MEMORY, kept.memory());
            settings.put(RestoreMarker.KEY, kept.json());
            instances.patchConfig(name, settings);
            putBackForwards(name, kept.forwards());
        } finally {
            portLocks.forEach(ClusterLock::close);
        }
        if (kept.running() && instances.get(name).status() != InstanceStatus.RUNNING) {
            context.log("Starting " + name);
            instances.start(name);
        }
        instances.patchConfig(name, Collections.singletonMap(RestoreMarker.KEY, null));
        return JobResult.ok("Restored " + name + " to " + snapshot);
    }

    private void putBackForwards(String name, List<ProxyForward> wanted) {
        for (ProxyForward present : forwards.list(name)) {
            if (!wanted.contains(present)) {
                forwards.remove(name, present.hostPort());
            }
        }
        List<ProxyForward> present = forwards.list(name);
        for (ProxyForward forward : wanted) {
            if (!present.contains(forward)) {
                forwards.add(name, forward);
            }
        }
    }

    private List<ClusterLock> lockPorts(String host, List<ProxyForward> kept) throws InterruptedException {
        List<ClusterLock> locks = new ArrayList<>();
        try {
            // In lock-name order, so that two restores never wait on each other crosswise.
            for (String lock : new TreeSet<>(kept.stream()
                    .map(f -> ForwardService.portLock(host, f.hostAddress(), f.hostPort())).toList())) {
                String port = lock.substring(lock.lastIndexOf(':') + 1);
                locks.add(cluster.tryLock(lock, PORT_LOCK_WAIT, PORT_LOCK_LEASE)
                        .orElseThrow(() -> new TransientJobException("Port " + port + " is being changed; retrying")));
            }
            return locks;
        } catch (RuntimeException | InterruptedException e) {
            locks.forEach(ClusterLock::close);
            throw e;
        }
    }
}
