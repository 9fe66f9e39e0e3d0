package io.axion.snapshot.internal;

import io.axion.api.host.HostService;
import io.axion.api.host.InstanceRouter;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.snapshot.SnapshotJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Makes a snapshot. Run again (after a crash), it finds the snapshot it made and is done. */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + SnapshotJobs.CREATE)
public class CreateSnapshotHandler implements JobHandler {
    private final LxdSnapshots snapshots;

    @Activate
    public CreateSnapshotHandler(@Reference HostService hosts, @Reference InstanceService instances) {
        this(new InstanceRouter(hosts, name -> instances.find(name).map(Instance::host)).snapshots());
    }

    CreateSnapshotHandler(LxdSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public JobResult process(JobContext context) {
        String instance = context.instance();
        String snapshot = SnapshotJob.snapshot(context);
        if (SnapshotJob.exists(snapshots, instance, snapshot)) {
            return JobResult.ok("Snapshot " + snapshot + " already exists");
        }
        try {
            snapshots.create(instance, snapshot, false);
        } catch (LxdAlreadyExistsException e) {
            return JobResult.ok("Snapshot " + snapshot + " already exists");
        }
        return JobResult.ok("Snapshot " + snapshot + " created");
    }
}
