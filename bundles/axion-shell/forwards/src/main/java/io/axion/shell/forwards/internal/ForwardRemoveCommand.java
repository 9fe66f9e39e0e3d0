package io.axion.shell.forwards.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.network.ForwardService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "forward-remove", description = "Remove the port forward of a host port")
public class ForwardRemoveCommand extends AxionAction {

    @Reference
    ForwardService forwards;

    @Argument(index = 0, name = "instance", required = true)
    @Completion(InstanceNames.class)
    String instance;

    @Argument(index = 1, name = "hostPort", required = true)
    @Completion(HostPorts.class)
    String hostPort;

    @Override
    protected void run(PrintStream out) {
        int port = port(hostPort);
        forwards.remove(instance, port);
        if (json) {
            printJson(out, Map.of("instance", instance, "hostPort", port, "removed", true));
        } else {
            out.println("Forward " + port + " of " + instance + " removed");
        }
    }

    /** As {@code DELETE .../forwards/{hostPort}} reads its path. */
    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("hostPort", "must be a port number");
        }
    }

    @Override
    protected String audited() {
        return instance + " " + hostPort;
    }
}
