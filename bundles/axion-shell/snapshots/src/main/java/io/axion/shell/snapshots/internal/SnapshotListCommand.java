package io.axion.shell.snapshots.internal;

import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.snapshot.SnapshotService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "snapshot-list", description = "List the snapshots of an instance")
public class SnapshotListCommand extends AxionAction {

    @Reference
    SnapshotService snapshots;

    @Argument(index = 0, name = "instance", required = true)
    @Completion(InstanceNames.class)
    String instance;

    @Override
    protected void run(PrintStream out) {
        List<SnapshotInfo> found = snapshots.list(instance);
        if (json) {
            printJson(out, found);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("CREATED");
        table.column("STATEFUL");
        for (SnapshotInfo snapshot : found) {
            table.addRow().addContent(snapshot.name(), time(snapshot.createdAt()), snapshot.stateful() ? "yes" : "no");
        }
        print(out, table);
    }
}
