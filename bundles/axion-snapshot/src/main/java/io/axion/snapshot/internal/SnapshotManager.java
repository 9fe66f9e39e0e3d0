package io.axion.snapshot.internal;

import io.axion.api.host.HostService;
import io.axion.api.host.InstanceRouter;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.snapshot.SnapshotJobs;
import io.axion.api.snapshot.SnapshotNames;
import io.axion.api.snapshot.SnapshotService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks snapshot requests against LXD and queues them as jobs. Collisions are answered here, before any job
 * exists: a snapshot name is taken when LXD has it or when a create for it is still queued.
 */
@Component(service = SnapshotService.class)
public class SnapshotManager implements SnapshotService {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(30);

    private final LxdInstances instances;
    private final LxdSnapshots snapshots;
    private final JobService jobs;
    private final ClusterService cluster;

    private final java.util.function.Function<String, Optional<String>> hostOf;

    @Activate
    public SnapshotManager(@Reference HostService hosts, @Reference InstanceService view,
                           @Reference JobService jobs, @Reference ClusterService cluster) {
        this(new InstanceRouter(hosts, name -> view.find(name).map(Instance::host)), jobs, cluster,
                name -> view.find(name).map(Instance::host));
    }

    private SnapshotManager(InstanceRouter router, JobService jobs, ClusterService cluster,
                            java.util.function.Function<String, Optional<String>> hostOf) {
        this(router.instances(), router.snapshots(), jobs, cluster, hostOf);
    }

    /**
     * @param hostOf the host of an instance, by name (each job runs on its instance's host)
     */
    SnapshotManager(LxdInstances instances, LxdSnapshots snapshots, JobService jobs, ClusterService cluster,
                    java.util.function.Function<String, Optional<String>> hostOf) {
        this.hostOf = hostOf;
        this.instances = instances;
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.cluster = cluster;
    }

    @Override
    public List<SnapshotInfo> list(String instance) {
        SnapshotNames.requireValid("name", instance);
        return snapshots.list(instance); // LXD's 404 names the instance
    }

    @Override
    public Job create(String instance, String snapshot) {
        SnapshotNames.requireValid("name", instance);
        SnapshotNames.requireValid("snapshot", snapshot);
        requireInstance(instance);
        // Checking and queueing under one lock: two requests for the same name cannot both pass the check.
        try (ClusterLock ignored = lock("snapshot-create:" + instance)) {
            if (find(instance, snapshot).isPresent() || createQueued(instance, snapshot)) {
                throw new ConflictException("already-exists", "Snapshot '" + snapshot + "' of instance '"
                        + instance + "' already exists");
            }
            return jobs.enqueue(SnapshotJobs.CREATE, instance, payload(snapshot), onHostOf(instance));
        }
    }

    @Override
    public Job restore(String instance, String snapshot) {
        requireExisting(instance, snapshot);
        return jobs.enqueue(SnapshotJobs.RESTORE, instance, payload(snapshot), onHostOf(instance));
    }

    @Override
    public Job delete(String instance, String snapshot) {
        requireExisting(instance, snapshot);
        return jobs.enqueue(SnapshotJobs.DELETE, instance, payload(snapshot), onHostOf(instance));
    }

    private void requireExisting(String instance, String snapshot) {
        SnapshotNames.requireValid("name", instance);
        SnapshotNames.requireValid("snapshot", snapshot);
        if (find(instance, snapshot).isEmpty()) {
            throw new NotFoundException("Snapshot", instance + "/" + snapshot);
        }
    }

    private void requireInstance(String instance) {
        if (instances.find(instance).isEmpty()) {
            throw new NotFoundException("Instance", instance);
        }
    }

    /** One LXD call; a missing instance is LXD's 404 for the instance. */
    private Optional<SnapshotInfo> find(String instance, String snapshot) {
        return snapshots.list(instance).stream().filter(s -> s.name().equals(snapshot)).findFirst();
    }

    private boolean createQueued(String instance, String snapshot) {
        for (JobState state : List.of(JobState.PENDING, JobState.IN_PROGRESS)) {
            for (Job job : jobs.list(new JobFilter(instance, state, JobFilter.MAX_LIMIT))) {
                if (job.type().equals(SnapshotJobs.CREATE) && snapshot.equals(job.payload().get(SnapshotJobs.SNAPSHOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private ClusterLock lock(String name) {
        try {
            return cluster.tryLock(name, LOCK_WAIT, LOCK_LEASE).orElseThrow(() -> new ConflictException("busy",
                    "Another request on the same snapshots is still being checked; try again"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("busy", "Interrupted while waiting for the snapshot lock");
        }
    }

    private JobOptions onHostOf(String instance) {
        return JobOptions.onHost(hostOf.apply(instance).orElse(null));
    }

    static Map<String, Object> payload(String snapshot) {
        return Map.of(SnapshotJobs.SNAPSHOT, snapshot);
    }
}
