package io.axion.shell.hosts.internal;

import io.axion.api.host.ClusterOverview;
import io.axion.api.host.ClusterOverview.NodeView;
import io.axion.api.host.ClusterOverviewService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "cluster",
        description = "Show the control plane's nodes (the hosts each owns, the jobs each runs) and the hosts")
public class ClusterCommand extends AxionAction {

    @Reference
    ClusterOverviewService overview;

    @Override
    protected void run(PrintStream out) {
        ClusterOverview now = overview.overview();
        if (json) {
            printJson(out, now.toJson());
            return;
        }
        ShellTable nodes = new ShellTable();
        nodes.column("NAME");
        nodes.column("ADDRESS");
        nodes.column("URL");
        nodes.column("STATE");
        nodes.column("SINCE");
        nodes.column("HOSTS");
        nodes.column("JOBS").alignRight();
        nodes.column("LOCAL");
        for (NodeView node : now.nodes()) {
            nodes.addRow().addContent(node.name(), text(node.address()), text(node.url()), node.state(),
                    time(node.since()), String.join(", ", node.hosts()), node.jobsRunning(), node.local() ? "*" : "");
        }
        print(out, nodes);
        out.println();
        print(out, HostTable.of(now.hosts()));
        out.println("Placement: " + (now.placement() == null ? "(no policy)" : now.placement()));
    }
}
