package io.axion.shell;

import io.axion.api.job.Job;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/**
 * A command whose work runs as a job, like the REST route that answers 202: it prints the job's id, and with
 * {@code --wait} waits for the job to finish and prints its final state. A job that failed makes the command fail.
 */
public abstract class JobAction extends AxionAction {

    @Reference
    protected JobService jobs;

    @Option(name = "--wait", aliases = "-w", description = "Wait for the job to finish and print its final state")
    protected boolean await;

    @Option(name = "--timeout", description = "With --wait: stop waiting after this many seconds (the job goes on)")
    protected int timeoutSeconds = 600;

    /** Prints the job just enqueued and, with {@code --wait}, its outcome. */
    protected void report(PrintStream out, Job job) throws CommandException {
        if (!await) {
            print(out, job);
            return;
        }
        if (timeoutSeconds < 1) {
            throw new CommandException("--timeout must be at least 1 second");
        }
        if (!json) {
            out.println(line(job));
        }
        Job done;
        try {
            done = jobs.awaitFinished(job.id(), Duration.ofSeconds(timeoutSeconds));
        } catch (TimeoutException e) {
            throw new CommandException("Job " + job.id() + " has not finished after " + timeoutSeconds
                    + " s; it goes on (axion:job-show " + job.id() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("Stopped waiting; job " + job.id() + " goes on (axion:job-show " + job.id()
                    + ")");
        }
        print(out, done);
        if (done.state() == JobState.FAILED) {
            throw new CommandException("Job " + done.id() + " failed: " + done.error());
        }
    }

    private void print(PrintStream out, Job job) {
        if (json) {
            printJson(out, job.toJson());
        } else {
            out.println(line(job));
        }
    }

    /** {@code Job <id> <STATE> (<type> <instance>)}: the id comes second so scripts can cut it out. */
    public static String line(Job job) {
        String what = job.instance() == null ? job.type() : job.type() + " " + job.instance();
        return "Job " + job.id() + " " + job.state() + " (" + what + ")";
    }
}
