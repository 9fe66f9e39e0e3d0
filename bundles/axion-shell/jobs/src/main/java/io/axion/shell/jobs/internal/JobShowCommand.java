package io.axion.shell.jobs.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.job.Job;
import io.axion.api.job.JobService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "axion", name = "job-show", description = "Show one job with its log")
public class JobShowCommand extends AxionAction {

    @Reference
    JobService jobs;

    @Argument(index = 0, name = "id", description = "The job's id", required = true)
    @Completion(JobIdCompleter.class)
    String id;

    @Override
    protected void run(PrintStream out) {
        Job job = jobs.find(id).orElseThrow(() -> new NotFoundException("job", id));
        if (json) {
            printJson(out, job.toJsonWithLog());
            return;
        }
        row(out, "ID", job.id());
        row(out, "TYPE", job.type());
        row(out, "INSTANCE", text(job.instance()));
        row(out, "STATE", job.state().name());
        row(out, "ATTEMPTS", job.attempts() + "/" + job.maxAttempts());
        row(out, "NODE", text(job.node()));
        row(out, "CREATED", time(job.createdAt()));
        row(out, "STARTED", time(job.startedAt()));
        row(out, "FINISHED", time(job.finishedAt()));
        if (job.error() != null) {
            row(out, "ERROR", job.error());
        }
        out.println("LOG");
        job.log().forEach(line -> out.println("  " + line));
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("%-10s %s%n", label, value);
    }
}
