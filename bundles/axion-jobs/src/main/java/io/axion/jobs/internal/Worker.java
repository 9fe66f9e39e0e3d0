package io.axion.jobs.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.job.Job;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.jobs.internal.Attempt.Kind;
import io.axion.jobs.internal.Dispatcher.Taken;
import io.axion.jobs.internal.JobRepository.Row;
import io.axion.jobs.internal.LeaseKeeper.Running;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread: takes a ready lane, takes its instance's lock (or hands the lane back for later when another
 * node holds it), records the attempt, runs the handler, records the outcome, and goes on to the next lane. The
 * writes are group-committed in the background; the lock and the lane are released after the outcome's commit,
 * so that an instance's next job never starts before the previous one's outcome is durable.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** What the workers share with the engine. */
    record Parts(EngineSettings settings, Clock clock, String node, String leaseOwner, ClusterService cluster,
                 GroupCommitWriter writer, JobRepository repository, Dispatcher dispatcher,
                 HandlerRegistry handlers, PayloadCodec payloads, LeaseKeeper leases, Consumer<Job> changed,
                 Executor releaser, BooleanSupplier stopping) {
    }

    private final Parts parts;

    Worker(Parts parts) {
        this.parts = parts;
    }

    @Override
    public void run() {
        while (true) {
            Taken taken;
            try {
                taken = parts.dispatcher().take();
            } catch (InterruptedException e) {
                return;
            }
            if (taken == null) {
                return;
            }
            runLane(taken);
        }
    }

    private void runLane(Taken taken) {
        Row row = taken.row();
        Job job = row.job();
        JobHandler handler = parts.handlers().find(job.type());
        if (handler == null) {
            parts.dispatcher().putBack(taken.lane(), 0);
            return;
        }
        ClusterLock lock = null;
        if (job.instance() != null) {
            lock = tryLock(job.instance());
            if (lock == null) {
                parts.dispatcher().putBack(taken.lane(), parts.settings().lockRetry().toMillis());
                return;
            }
        }
        Row claimed = new Row(row.seq(), Transitions.claimed(job, parts.clock().instant(), parts.node()), 0);
        Running running = parts.leases().track(claimed, lock);
        CompletableFuture<Boolean> recorded;
        Transitions.Next next;
        CompletableFuture<Boolean> claim;
        try {
            claim = claim(claimed);
            if (row.readBack() && !Boolean.TRUE.equals(claim.join())) {
                // Read back from the store: another engine ran it meanwhile, or runs it now.
                parts.leases().release(running);
                parts.dispatcher().discard(taken.lane(), row.seq());
                return;
            }
            Attempt attempt = execute(handler, claimed.job(), claimed.seq(), running);
            next = Transitions.afterAttempt(claimed.job(), attempt, parts.clock().instant(), parts.settings());
            recorded = finish(claimed, next);
        } catch (RuntimeException e) {
            LOG.error("Job {} hit an engine failure; it runs again later", job.id(), e);
            parts.leases().release(running);
            parts.dispatcher().done(taken.lane(), retryLater(row));
            return;
        }
        recorded.whenComplete((ok, error) -> parts.releaser().execute(() -> {
            // Only now that the outcome is durable may the instance's next job start, here or on another node.
            parts.leases().release(running);
            if (Boolean.FALSE.equals(claim.getNow(null))) {
                LOG.warn("Job {} was no longer pending when a worker claimed it: left to its owner", job.id());
                parts.dispatcher().discard(taken.lane(), row.seq());
            } else if (error != null || !Boolean.TRUE.equals(ok)) {
                LOG.error("The outcome of job {} could not be recorded; it runs again later", job.id(), error);
                parts.dispatcher().done(taken.lane(), retryLater(row));
            } else {
                parts.dispatcher().done(taken.lane(), new Row(row.seq(), next.job(), 0));
            }
        }));
    }

    private ClusterLock tryLock(String instance) {
        try {
            Optional<ClusterLock> lock = parts.cluster().tryLock(LeaseKeeper.lockName(instance), Duration.ZERO,
                    parts.settings().lease());
            return lock.orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            LOG.warn("Taking the lock of instance {} failed", instance, e);
            return null;
        }
    }

    /**
     * Records PENDING → IN_PROGRESS without waiting for the commit: the handler starts at once. Should the node die
     * before that commit, the job is still PENDING in the store and simply runs again, which handlers allow for.
     */
    private CompletableFuture<Boolean> claim(Row claimed) {
        Job job = claimed.job();
        long now = parts.clock().millis();
        long leaseExpiresAt = now + parts.settings().lease().toMillis();
        String log = Transitions.claimLog(job, Instant.ofEpochMilli(now));
        return parts.writer().submit(tx -> parts.repository().claim(tx, claimed.seq(), parts.leaseOwner(),
                leaseExpiresAt, job.startedAt(), parts.node(), log), done -> {
                    if (done) {
                        parts.changed().accept(job);
                    }
                });
    }

    private Attempt execute(JobHandler handler, Job job, long seq, Running running) {
        AttemptContext context = new AttemptContext(job, parts.payloads(), line -> appendLog(seq, line),
                () -> parts.stopping().getAsBoolean() || running.lockLost());
        try {
            JobResult result = handler.process(context);
            if (result == null) {
                return new Attempt(Kind.SUCCEEDED, null);
            }
            return switch (result.outcome()) {
                case SUCCEEDED -> new Attempt(Kind.SUCCEEDED, result.message());
                case RETRY -> new Attempt(Kind.TRANSIENT, messageOr(result.message(), "the handler asked to retry"));
                case FAILED -> new Attempt(Kind.PERMANENT, messageOr(result.message(), "the handler gave up"));
            };
        } catch (Exception | LinkageError e) {
            if (parts.stopping().getAsBoolean()) {
                return new Attempt(Kind.INTERRUPTED, Failures.describe(e));
            }
            boolean transientFailure = Failures.isTransient(e);
            LOG.info("Job {} ({}) attempt {} failed ({}): {}", job.id(), job.type(), job.attempts(),
                    transientFailure ? "transient" : "permanent", Failures.describe(e));
            LOG.debug("Job {} failure", job.id(), e);
            return new Attempt(transientFailure ? Kind.TRANSIENT : Kind.PERMANENT, Failures.describe(e));
        } finally {
            // An interrupt meant for the handler must not leak into the next job.
            Thread.interrupted();
        }
    }

    /** Records the attempt's outcome; the lane and the lock are released once it is committed. */
    private CompletableFuture<Boolean> finish(Row claimed, Transitions.Next next) {
        return parts.writer().submit(tx -> parts.repository().finishAttempt(tx, claimed.seq(), parts.leaseOwner(),
                next.job(), next.logLines()), done -> {
                    if (done) {
                        parts.changed().accept(next.job());
                    }
                });
    }

    private void appendLog(long seq, String line) {
        parts.writer().submit(tx -> {
            parts.repository().appendHandlerLog(tx, seq, JobLog.line(parts.clock().instant(), line));
            return null;
        });
    }

    /** The job as it stays when its attempt could not be recorded: pending, tried again after a short while. */
    private Row retryLater(Row row) {
        Job job = row.job();
        Instant later = parts.clock().instant().plus(parts.settings().lockRetry());
        return new Row(row.seq(), new Job(job.id(), job.type(), job.instance(), job.state(), job.attempts(),
                job.maxAttempts(), job.error(), job.createdAt(), job.startedAt(), job.finishedAt(), later,
                job.node(), job.idempotencyKey(), job.payload(), job.log(), job.host()), 0);
    }

    private static String messageOr(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }
}
