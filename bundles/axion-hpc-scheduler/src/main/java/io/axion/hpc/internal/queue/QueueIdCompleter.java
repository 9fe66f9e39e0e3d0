package io.axion.hpc.internal.queue;

import io.axion.api.instance.QueuedCreate;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** Completes the ids of waiting creates. */
@Service
public class QueueIdCompleter extends NamesCompleter {

    @Reference
    CreateQueueComponent queue;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return queue.waiting().stream().map(QueuedCreate::id).toList();
    }
}
