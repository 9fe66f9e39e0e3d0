package io.axion.hpc.internal.queue;

import io.axion.api.instance.QueuedCreate;
import io.axion.hpc.internal.gang.GangService;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** Completes the ids of waiting creates and gangs ({@code gang:<name>}). */
@Service
public class QueueIdCompleter extends NamesCompleter {

    @Reference
    CreateQueueComponent queue;

    @Reference
    GangService gangs;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        java.util.List<String> ids = new java.util.ArrayList<>(queue.waiting().stream().map(QueuedCreate::id).toList());
        gangs.queued(null).forEach(gang -> ids.add(gang.id()));
        return ids;
    }
}
