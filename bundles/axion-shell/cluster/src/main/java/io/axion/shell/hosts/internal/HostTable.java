package io.axion.shell.hosts.internal;

import io.axion.api.host.Host;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;

/** The hosts table of {@code cluster} and {@code hosts}: what each host has allocated out of what it can give. */
final class HostTable {
    private HostTable() {
    }

    static ShellTable of(List<Host> hosts) {
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("OWNER");
        table.column("STATE");
        table.column("CPU").alignRight();
        table.column("MEMORY").alignRight();
        table.column("INSTANCES").alignRight();
        for (Host host : hosts) {
            table.addRow().addContent(host.name(), host.owner() == null ? "" : host.owner(), host.state().label(),
                    host.allocated().cpu() + "/" + ceiling(host.capacity().cpu()),
                    host.allocated().memoryMiB() + "/" + ceiling(host.capacity().memoryMiB()) + " MiB",
                    host.allocated().instances());
        }
        return table;
    }

    /** A capacity of 0 means its owner has not read it from LXD yet, not that the host has none. */
    private static String ceiling(long capacity) {
        return capacity == 0 ? "?" : Long.toString(capacity);
    }
}
