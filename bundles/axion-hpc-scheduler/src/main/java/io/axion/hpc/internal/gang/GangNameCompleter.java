package io.axion.hpc.internal.gang;

import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** Completes gang names. */
@Service
public class GangNameCompleter extends NamesCompleter {

    @Reference
    GangService gangs;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return gangs.list(null).stream().map(GangView::name).toList();
    }
}
