package io.axion.hpc.internal;

import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code axion:core-map HOST}: which cores of a host are pinned to whom. */
@Service
@Command(scope = "axion", name = "core-map", description = "Show a host's cores and GPUs and who holds them")
public class CoreMapCommand extends AxionAction {

    @Reference
    HpcPlacementPolicy scheduler;

    @Argument(name = "host", required = true, description = "The host")
    @Completion(HostNameCompleter.class)
    String host;

    @Override
    protected void run(PrintStream out) {
        CoreMap map = CoreMap.of(scheduler.topology(host), scheduler.ledger().holdings(host));
        if (json) {
            printJson(out, map);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("CPU").alignRight();
        table.column("SOCKET").alignRight();
        table.column("CORE").alignRight();
        table.column("NUMA").alignRight();
        table.column("PINNED TO");
        for (CoreMap.Core core : map.cores()) {
            table.addRow().addContent(core.cpu(), core.socket(), core.core(), core.numaNode(),
                    core.pinnedTo() == null ? "-" : core.pinnedTo());
        }
        print(out, table);
        map.gpus().forEach(gpu -> out.println("GPU " + gpu.pci() + " (node " + gpu.numaNode()
                + (gpu.simulated() ? ", simulated" : "") + "): " + (gpu.heldBy() == null ? "-" : gpu.heldBy())));
    }
}
