package io.axion.shell.snapshots.internal;

import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.snapshot.SnapshotService;
import io.axion.shell.CommandLines;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** The snapshots of the instance typed before the cursor. */
@Service
public class SnapshotNames extends NamesCompleter {
    /** The options of the snapshot commands that take a value. */
    static final Set<String> OPTIONS_WITH_VALUE = Set.of("--timeout");

    @Reference
    SnapshotService snapshots;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        List<String> arguments = CommandLines.argumentsBeforeCursor(commandLine, OPTIONS_WITH_VALUE);
        if (arguments.isEmpty()) {
            return List.of();
        }
        return snapshots.list(arguments.get(0)).stream().map(SnapshotInfo::name).toList();
    }
}
