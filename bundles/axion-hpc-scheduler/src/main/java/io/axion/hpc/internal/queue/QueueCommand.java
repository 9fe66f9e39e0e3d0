package io.axion.hpc.internal.queue;

import io.axion.hpc.internal.gang.GangService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code axion:queue}: the waiting creates, next first, then the waiting gangs, like Slurm's {@code squeue}. */
@Service
@Command(scope = "axion", name = "queue", description = "Lists the creates and gangs waiting for room, next first")
public class QueueCommand extends AxionAction {

    @Reference
    CreateQueueComponent queue;

    @Reference
    GangService gangs;

    @Override
    protected void run(PrintStream out) {
        List<QueueItem> waiting = new ArrayList<>();
        queue.waiting().forEach(create -> waiting.add(QueueItem.of(create)));
        // The shell is an admin's: every tenant's gangs.
        waiting.addAll(gangs.queued(null));
        if (json) {
            printJson(out, waiting);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("KIND");
        table.column("POS").alignRight();
        table.column("ID");
        table.column("NAME");
        table.column("OWNER");
        table.column("PRIORITY").alignRight();
        table.column("COUNT").alignRight();
        table.column("CPU").alignRight();
        table.column("MEMORY MiB").alignRight();
        table.column("QUEUED AT");
        for (QueueItem entry : waiting) {
            table.addRow().addContent(entry.kind(), entry.position(), entry.id(), entry.name(), text(entry.owner()),
                    entry.priority(), entry.count(), text(entry.cpu()), text(entry.memoryMiB()),
                    time(entry.queuedAt()));
        }
        print(out, table);
    }
}
