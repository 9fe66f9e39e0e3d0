package io.axion.shell;

import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;

/**
 * The names of Axion's instances. Each shell bundle that completes instance names registers a subclass (Karaf looks
 * completers up in the bundle's own registry). Optional: without the instances capability it offers nothing, and
 * it keeps no command from being offered.
 */
public abstract class InstanceNamesCompleter extends NamesCompleter {

    @Reference(optional = true)
    protected InstanceService instances;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return instances == null ? List.of() : instances.list().stream().map(Instance::name).toList();
    }
}
