package io.axion.shell.hosts.internal;

import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "hosts", description = "List the LXD hosts: owner, state, what is allocated")
public class HostsCommand extends AxionAction {

    @Reference
    HostService hosts;

    @Override
    protected void run(PrintStream out) {
        List<Host> all = hosts.list();
        if (json) {
            // GET /api/v1/hosts: with each host's endpoint, never its client key.
            printJson(out, all.stream().map(Host::toJson).toList());
            return;
        }
        print(out, HostTable.of(all));
    }
}
