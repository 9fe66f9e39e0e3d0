package io.axion.shell.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.shell.AxionAction;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "axion", name = "job-list", description = "List jobs, newest first")
public class JobListCommand extends AxionAction {

    @Reference
    JobService jobs;

    @Option(name = "--instance", aliases = "-i", description = "Only the jobs of this instance")
    String instance;

    @Option(name = "--state", aliases = "-s", description = "Only jobs in this state")
    @Completion(value = StringsCompleter.class, values = {"PENDING", "IN_PROGRESS", "COMPLETED", "FAILED"},
            caseSensitive = false)
    String state;

    @Option(name = "--limit", aliases = "-n", description = "At most this many jobs (1-1000, default 100)")
    String limit;

    @Override
    protected void run(PrintStream out) {
        List<Job> found = jobs.list(JobFilter.parse(instance, state, limit));
        if (json) {
            printJson(out, found.stream().map(Job::toJson).toList());
            return;
        }
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("TYPE");
        table.column("INSTANCE");
        table.column("STATE");
        table.column("ATTEMPTS").alignRight();
        table.column("CREATED");
        table.column("FINISHED");
        table.column("ERROR").maxSize(60);
        for (Job job : found) {
            table.addRow().addContent(job.id(), job.type(), text(job.instance()), job.state(),
                    job.attempts() + "/" + job.maxAttempts(), time(job.createdAt()), time(job.finishedAt()),
                    text(job.error()));
        }
        print(out, table);
    }
}
