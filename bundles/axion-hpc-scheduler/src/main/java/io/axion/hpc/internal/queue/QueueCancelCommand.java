package io.axion.hpc.internal.queue;

import io.axion.hpc.internal.gang.GangService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code axion:queue-cancel ID}: the shell is an admin's, so any entry may be cancelled (like {@code scancel}). */
@Service
@Command(scope = "axion", name = "queue-cancel", description = "Cancels a create or a gang waiting in the queue")
public class QueueCancelCommand extends AxionAction {

    @Reference
    CreateQueueComponent queue;

    @Reference
    GangService gangs;

    @Argument(name = "id", required = true, description = "The queue entry's id, gang:NAME for a gang (axion:queue "
            + "lists them)")
    @Completion(QueueIdCompleter.class)
    String id;

    @Override
    protected void run(PrintStream out) {
        QueueItem cancelled = QueueItem.isGang(id) ? gangs.cancelQueued(QueueItem.gangName(id), null, item -> true)
                : QueueItem.of(queue.cancel(id, entry -> true));
        if (json) {
            printJson(out, cancelled);
        } else {
            out.println("Cancelled " + cancelled.kind() + " " + cancelled.id() + " (" + cancelled.name() + ")");
        }
    }

    @Override
    protected String audited() {
        return "queue/" + id;
    }
}
