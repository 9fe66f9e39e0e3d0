package io.axion.shell.hosts.internal;

import io.axion.api.host.HostAdminService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "host-remove", description = "Remove an LXD host; refused while instances live on it")
public class HostRemoveCommand extends AxionAction {

    @Reference
    HostAdminService admin;

    @Argument(index = 0, name = "name", required = true)
    @Completion(HostNames.class)
    String name;

    @Override
    protected void run(PrintStream out) {
        admin.remove(name);
        if (json) {
            printJson(out, Map.of("name", name, "removed", true));
        } else {
            out.println("Host " + name + " removed");
        }
    }

    @Override
    protected String audited() {
        return name;
    }
}
