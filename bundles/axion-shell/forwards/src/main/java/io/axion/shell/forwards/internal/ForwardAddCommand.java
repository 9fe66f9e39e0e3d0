package io.axion.shell.forwards.internal;

import io.axion.api.network.Forward;
import io.axion.api.network.ForwardRequest;
import io.axion.api.network.ForwardService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Adding a forward is a quick LXD device change: done at once, as the REST route answers 201 rather than a job. */
@Service
@Command(scope = "axion", name = "forward-add",
        description = "Forward a host port (on the configured address) to a port of an instance")
public class ForwardAddCommand extends AxionAction {

    @Reference
    ForwardService forwards;

    @Argument(index = 0, name = "instance", required = true)
    @Completion(InstanceNames.class)
    String instance;

    @Argument(index = 1, name = "hostPort", description = "The host's port (in the configured range)")
    Integer hostPort;

    @Argument(index = 2, name = "containerPort", description = "The instance's port")
    Integer containerPort;

    @Option(name = "--protocol", aliases = "-p", description = "tcp (default) or udp")
    @Completion(value = StringsCompleter.class, values = {"tcp", "udp"})
    String protocol;

    @Override
    protected void run(PrintStream out) {
        Forward added = forwards.add(instance, new ForwardRequest(hostPort, containerPort, protocol));
        if (json) {
            printJson(out, added);
        } else {
            out.println("Forward " + added.hostPort() + " -> " + instance + ":" + added.containerPort() + "/"
                    + added.protocol() + " added");
        }
    }

    @Override
    protected String audited() {
        return instance + " " + hostPort + "->" + containerPort + (protocol == null ? "" : "/" + protocol);
    }
}
