package io.axion.hpc.internal.gang;

import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code axion:gang-list}: every gang (of every tenant) with its state and where its members are. */
@Service
@Command(scope = "axion", name = "gang-list", description = "Lists the gangs, their state and their members' hosts")
public class GangListCommand extends AxionAction {

    @Reference
    GangService gangs;

    @Override
    protected void run(PrintStream out) {
        List<GangView> all = gangs.list(null); // the shell is admin: every tenant's
        if (json) {
            printJson(out, all);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("TENANT");
        table.column("STATE");
        table.column("COUNT").alignRight();
        table.column("SPREAD");
        table.column("MEMBERS");
        table.column("REASON");
        for (GangView gang : all) {
            String members = String.join(" ", gang.members().stream()
                    .map(m -> m.name() + "@" + m.host() + (m.cpus() == null ? "" : "[" + m.cpus() + "]")).toList());
            table.addRow().addContent(gang.name(), gang.tenant(), gang.state(), gang.count(), gang.spread(), members,
                    text(gang.reason()));
        }
        print(out, table);
    }
}
