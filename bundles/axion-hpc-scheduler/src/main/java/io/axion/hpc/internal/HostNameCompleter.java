package io.axion.hpc.internal;

import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** Completes the names of the cluster's hosts. */
@Service
public class HostNameCompleter extends NamesCompleter {

    @Reference
    HostService hosts;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return hosts.list().stream().map(Host::name).toList();
    }
}
