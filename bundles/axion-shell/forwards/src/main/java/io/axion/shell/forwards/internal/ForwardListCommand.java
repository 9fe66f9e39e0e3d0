package io.axion.shell.forwards.internal;

import io.axion.api.network.Forward;
import io.axion.api.network.ForwardService;
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
@Command(scope = "axion", name = "forward-list", description = "List the port forwards of an instance")
public class ForwardListCommand extends AxionAction {

    @Reference
    ForwardService forwards;

    @Argument(index = 0, name = "instance", required = true)
    @Completion(InstanceNames.class)
    String instance;

    @Override
    protected void run(PrintStream out) {
        List<Forward> found = forwards.list(instance);
        if (json) {
            printJson(out, found);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("HOST PORT").alignRight();
        table.column("CONTAINER PORT").alignRight();
        table.column("PROTOCOL");
        for (Forward forward : found) {
            table.addRow().addContent(forward.hostPort(), forward.containerPort(), forward.protocol());
        }
        print(out, table);
    }
}
