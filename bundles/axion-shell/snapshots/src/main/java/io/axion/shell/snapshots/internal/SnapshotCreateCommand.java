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
@Command(scope = "axion", name = "snapshot-create",
        description = "Take a snapshot of an instance (a job)")
public class SnapshotCreateCommand extends JobAction {

    @Reference
    SnapshotService snapshots;

    @Argument(index = 0, name = "instance", required = true)
    @Completion(InstanceNames.class)
    String instance;

    @Argument(index = 1, name = "snapshot", description = "The new snapshot's name", required = true)
    String snapshot;

    @Override
    protected void run(PrintStream out) throws Exception {
        report(out, snapshots.create(instance, snapshot));
    }

    @Override
    protected String audited() {
        return instance + "/" + snapshot;
    }
}
