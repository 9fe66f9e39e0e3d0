package io.axion.shell.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.shell.NamesCompleter;
import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;

/** The ids of the newest jobs. */
@Service
public class JobIdCompleter extends NamesCompleter {
    static final int RECENT = 50;

    @Reference
    JobService jobs;

    @Override
    protected Collection<String> names(CommandLine commandLine) {
        return jobs.list(JobFilter.newest(RECENT)).stream().map(Job::id).toList();
    }
}
