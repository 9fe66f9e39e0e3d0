package io.axion.shell.forwards.internal;

import io.axion.api.network.ForwardService;
import io.axion.shell.CommandLines;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** The host ports the instance typed before the cursor forwards. */
@Service
public class HostPorts extends NamesCompleter {

    @Reference
    ForwardService forwards;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        List<String> arguments = CommandLines.argumentsBeforeCursor(commandLine, Set.of());
        if (arguments.isEmpty()) {
            return List.of();
        }
        return forwards.list(arguments.get(0)).stream().map(f -> Integer.toString(f.hostPort())).toList();
    }
}
