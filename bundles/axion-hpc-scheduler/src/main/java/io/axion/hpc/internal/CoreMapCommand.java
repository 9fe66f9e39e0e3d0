package io.axion.hpc.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code axion:core-map HOST}: which cores of a host are pinned to whom. */
@Service
@Command(scope = "axion", name = "core-map", description = "Show a host's cores and GPUs and who holds them")
public class CoreMapCommand implements Action {

    @Reference
    HpcPlacementPolicy scheduler;

    @Argument(name = "host", required = true, description = "The host")
    String host;

    @Override
    public Object execute() {
        CoreMap map = CoreMap.of(scheduler.topology(host), scheduler.ledger().holdings(host));
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
        table.print(System.out);
        map.gpus().forEach(gpu -> System.out.println("GPU " + gpu.pci() + " (node " + gpu.numaNode()
                + (gpu.simulated() ? ", simulated" : "") + "): " + (gpu.heldBy() == null ? "-" : gpu.heldBy())));
        return null;
    }
}
