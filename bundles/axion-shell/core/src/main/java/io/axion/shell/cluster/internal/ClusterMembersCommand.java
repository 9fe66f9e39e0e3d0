package io.axion.shell.cluster.internal;

import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "cluster-members", description = "List the members of Axion's control-plane cluster")
public class ClusterMembersCommand extends AxionAction {

    @Reference
    ClusterService cluster;

    @Override
    protected void run(PrintStream out) {
        List<ClusterMember> members = cluster.members();
        if (json) {
            printJson(out, members);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("ADDRESS");
        table.column("LOCAL");
        for (ClusterMember member : members) {
            table.addRow().addContent(member.id(), member.address(), member.local() ? "*" : "");
        }
        print(out, table);
    }
}
