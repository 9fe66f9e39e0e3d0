package io.axion.hpc.internal.queue;

import io.axion.api.instance.QueuedCreate;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code axion:queue}: the waiting creates, next first, like Slurm's {@code squeue}. */
@Service
@Command(scope = "axion", name = "queue", description = "Lists the creates waiting for room, next first")
public class QueueCommand extends AxionAction {

    @Reference
    CreateQueueComponent queue;

    @Override
    protected void run(PrintStream out) {
        List<QueuedCreate> waiting = queue.waiting();
        if (json) {
            printJson(out, waiting);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("POS").alignRight();
        table.column("ID");
        table.column("NAME");
        table.column("OWNER");
        table.column("PRIORITY").alignRight();
        table.column("CPU").alignRight();
        table.column("MEMORY MiB").alignRight();
        table.column("QUEUED AT");
        for (QueuedCreate entry : waiting) {
            table.addRow().addContent(entry.position(), entry.id(), entry.name(), text(entry.owner()),
                    entry.priority(), text(entry.cpu()), text(entry.memoryMiB()), time(entry.queuedAt()));
        }
        print(out, table);
    }
}
