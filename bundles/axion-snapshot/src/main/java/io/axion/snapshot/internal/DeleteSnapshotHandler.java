package io.axion.snapshot.internal;

import io.axion.api.host.HostService;
import io.axion.api.host.InstanceRouter;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.snapshot.SnapshotJobs;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Deletes a snapshot. Run again, it finds the snapshot gone and is done. */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + SnapshotJobs.DELETE)
public class DeleteSnapshotHandler implements JobHandler {
    private final LxdSnapshots snapshots;

    @Activate
    public DeleteSnapshotHandler(@Reference HostService hosts, @Reference InstanceService instances) {
        this(new InstanceRouter(hosts, name -> instances.find(name).map(Instance::host)).snapshots());
    }

    DeleteSnapshotHandler(LxdSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public JobResult process(JobContext context) {
        String instance = context.instance();
        String snapshot = SnapshotJob.snapshot(context);
        if (!SnapshotJob.exists(snapshots, instance, snapshot)) {
            return JobResult.ok("Snapshot " + snapshot + " is already gone");
        }
        try {
            snapshots.delete(instance, snapshot);
        } catch (LxdNotFoundException e) {
            return JobResult.ok("Snapshot " + snapshot + " is already gone");
        }
        return JobResult.ok("Snapshot " + snapshot + " deleted");
    }
}
