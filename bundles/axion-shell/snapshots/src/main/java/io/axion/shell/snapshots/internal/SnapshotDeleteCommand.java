package io.axion.shell.snapshots.internal;

import io.axion.api.snapshot.SnapshotService;
import io.axion.shell.JobAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "snapshot-delete",
        description = "Delete a snapshot of an instance (a job)")
public class SnapshotDeleteCommand extends JobAction {

    @Reference
    SnapshotService snapshots;

    @Argument(index = 0, name = "instance", required = true)
    @Completion(InstanceNames.class)
    String instance;

    @Argument(index = 1, name = "snapshot", description = "The snapshot", required = true)
    @Completion(SnapshotNames.class)
    String snapshot;

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, snapshots.delete(instance, snapshot));
    }

    @Override
    protected String audited() {
        return instance + "/" + snapshot;
    }
}
