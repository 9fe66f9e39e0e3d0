package io.axion.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import java.time.Duration;
import java.time.Instant;

/** The job's next state after an attempt or a lost worker, with the lines that explain it in the job's log. */
final class Transitions {
    private Transitions() {
    }

    record Next(Job job, String logLines) {
    }

    static Job claimed(Job job, Instant now, String node) {
        return new Job(job.id(), job.type(), job.instance(), JobState.IN_PROGRESS, job.attempts() + 1,
                job.maxAttempts(), job.error(), job.createdAt(), job.startedAt() != null ? job.startedAt() : now,
                null, job.nextRunAt(), node, job.idempotencyKey(), job.payload(), job.log(), job.host());
    }

    static String claimLog(Job claimed, Instant now) {
        return JobLog.line(now, "attempt " + claimed.attempts() + " of " + claimed.maxAttempts() + " started on "
                + claimed.node());
    }

    static Next afterAttempt(Job job, Attempt attempt, Instant now, EngineSettings settings) {
        int n = job.attempts();
        String message = attempt.message();
        switch (attempt.kind()) {
            case SUCCEEDED:
                return new Next(with(job, JobState.COMPLETED, null, now, job.nextRunAt()),
                        JobLog.line(now, "attempt " + n + " succeeded" + (message != null ? ": " + message : "")));
            case PERMANENT:
                return new Next(with(job, JobState.FAILED, message, now, job.nextRunAt()),
                        JobLog.line(now, "attempt " + n + " failed permanently: " + message));
            case INTERRUPTED:
                return new Next(with(job, JobState.PENDING, job.error(), null, now),
                        JobLog.line(now, "attempt " + n + " interrupted: the engine stopped; the job runs again"));
            case TRANSIENT:
            default:
                if (n >= job.maxAttempts()) {
                    return new Next(with(job, JobState.FAILED, message, now, job.nextRunAt()),
                            JobLog.line(now, "attempt " + n + " failed: " + message + "; no attempts left"));
                }
                Duration delay = Backoff.delay(n, settings.backoffInitial(), settings.backoffMax(),
                        settings.backoffJitter());
                return new Next(with(job, JobState.PENDING, message, null, now.plus(delay)),
                        JobLog.line(now, "attempt " + n + " failed: " + message + "; retry in " + delay.toMillis()
                                + " ms"));
        }
    }

    /**
     * A job whose worker died: it runs again while attempts are left.
     *
     * @param restarted whether the worker was an earlier run of this node (else its lease expired)
     */
    static Next afterLostWorker(Job job, Instant now, boolean restarted) {
        int n = job.attempts();
        String what = "attempt " + n + " lost: " + (restarted ? "node " + job.node() + " restarted during it"
                : "its worker on " + job.node() + " stopped renewing the lease");
        if (n >= job.maxAttempts()) {
            return new Next(with(job, JobState.FAILED, "worker lost during the last attempt", now, job.nextRunAt()),
                    JobLog.line(now, what + "; no attempts left"));
        }
        return new Next(with(job, JobState.PENDING, job.error(), null, now),
                JobLog.line(now, what + "; the job runs again"));
    }

    private static Job with(Job job, JobState state, String error, Instant finishedAt, Instant nextRunAt) {
        return new Job(job.id(), job.type(), job.instance(), state, job.attempts(), job.maxAttempts(), error,
                job.createdAt(), job.startedAt(), finishedAt, nextRunAt, job.node(), job.idempotencyKey(),
                job.payload(), job.log(), job.host());
    }
}
