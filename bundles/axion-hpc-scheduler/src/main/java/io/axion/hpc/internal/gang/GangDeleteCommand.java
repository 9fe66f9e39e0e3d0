package io.axion.hpc.internal.gang;

import io.axion.api.job.Job;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code axion:gang-delete NAME}: deletes every member in one job. */
@Service
@Command(scope = "axion", name = "gang-delete", description = "Deletes a gang and every member")
public class GangDeleteCommand extends AxionAction {

    @Reference
    GangService gangs;

    @Argument(name = "name", required = true, description = "The gang's name")
    @Completion(GangNameCompleter.class)
    String name;

    @Override
    protected void run(PrintStream out) {
        Job job = gangs.delete(name, null); // the shell is admin: any tenant's
        if (json) {
            printJson(out, job.toJson());
        } else {
            out.println("Deleting gang " + name + ": job " + job.id());
        }
    }

    @Override
    protected String audited() {
        return "gangs/" + name;
    }
}
