package io.axion.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.jobs.internal.JobRepository.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs whose worker is gone: a job another engine runs waits in its lane until its lease runs out, then goes back
 * to the queue (or fails, without attempts left); so does a job an earlier run of this node held, at once. Only
 * jobs of hosts this node owns are taken over.
 */
final class LostJobs {
    private static final Logger LOG = LoggerFactory.getLogger(LostJobs.class);

    private final GroupCommitWriter writer;
    private final JobRepository repository;
    private final HostShare share;
    private final String node;
    private final String leaseOwner;
    private final Clock clock;
    private final Consumer<Job> changed;

    LostJobs(GroupCommitWriter writer, JobRepository repository, HostShare share, String node, String leaseOwner,
             Clock clock, Consumer<Job> changed) {
        this.writer = writer;
        this.repository = repository;
        this.share = share;
        this.node = node;
        this.leaseOwner = leaseOwner;
        this.clock = clock;
        this.changed = changed;
    }

    /** Recovers what lost its worker, in one commit; completes with how many jobs. */
    CompletableFuture<Integer> recover(Dispatcher lanes) {
        long now = clock.millis();
        return writer.submit(tx -> {
            List<Row> recovered = new ArrayList<>();
            for (Row row : repository.leasedElsewhere(tx, leaseOwner)) {
                if (!share.runs(row.job().host()) || !share.lost(row, now)) {
                    continue;
                }
                Transitions.Next next = Transitions.afterLostWorker(row.job(), Instant.ofEpochMilli(now),
                        node.equals(row.job().node()));
                repository.recover(tx, row.seq(), next.job(), next.logLines());
                recovered.add(new Row(row.seq(), next.job(), 0));
            }
            return recovered;
        }, recovered -> {
            for (Row row : recovered) {
                LOG.info("Job {} ({}, instance {}) lost its worker: now {}", row.job().id(), row.job().type(),
                        row.job().instance(), row.job().state());
                if (row.job().finished()) {
                    lanes.remove(row);
                } else {
                    lanes.put(row);
                }
                changed.accept(row.job());
            }
        }).thenApply(List::size);
    }

    /**
     * Puts unfinished jobs into the lanes (those known already stay as they are); returns the earliest lease expiry
     * of jobs another engine is running, or 0. Such jobs wait until recovery finds their worker gone.
     */
    long load(Dispatcher lanes, List<Row> rows) {
        long earliest = 0;
        for (Row row : rows) {
            if (leaseOwner.equals(row.leaseOwner())) {
                continue; // a worker of this engine runs it: its lane knows it
            }
            if (row.job().state() == JobState.IN_PROGRESS) {
                long expires = Math.max(1, row.leaseExpiresAt());
                earliest = earliest == 0 ? expires : Math.min(earliest, expires);
                lanes.putIfAbsent(new Row(row.seq(), row.job(), expires, row.leaseOwner(), true));
            } else {
                lanes.putIfAbsent(row.asReadBack());
            }
        }
        return earliest;
    }
}
