package io.axion.jobs.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.jobs.internal.JobRepository.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of running jobs alive: the job's lease in SQLite (which recovery honours) and its instance's
 * cluster lock (which other nodes honour). Both are renewed three times per lease from the timer thread, so a
 * job may run for as long as it needs while a dead worker blocks its instance and its job for one lease at most.
 * A lock that cannot be renewed is taken again; when even that fails for a whole lease, the job is told to stop.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    /** One running job and the instance lock it holds ({@code null} for a job without instance). */
    static final class Running {
        private final Row row;
        private final String lockName;
        private ClusterLock lock;
        private long lockValidUntil;
        private volatile boolean lockLost;
        private boolean released;

        private Running(Row row, String lockName, ClusterLock lock, long lockValidUntil) {
            this.row = row;
            this.lockName = lockName;
            this.lock = lock;
            this.lockValidUntil = lockValidUntil;
        }

        boolean lockLost() {
            return lockLost;
        }
    }

    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final ClusterService cluster;
    private final GroupCommitWriter writer;
    private final JobRepository repository;
    private final Duration lease;
    private final String leaseOwner;
    private final Clock clock;

    LeaseKeeper(ClusterService cluster, GroupCommitWriter writer, JobRepository repository, Duration lease,
                String leaseOwner, Clock clock) {
        this.cluster = cluster;
        this.writer = writer;
        this.repository = repository;
        this.lease = lease;
        this.leaseOwner = leaseOwner;
        this.clock = clock;
    }

    static String lockName(String instance) {
        return "instance:" + instance;
    }

    Running track(Row row, ClusterLock lock) {
        String name = row.job().instance() == null ? null : lockName(row.job().instance());
        Running run = new Running(row, name, lock, clock.millis() + lease.toMillis());
        running.put(row.seq(), run);
        return run;
    }

    /** Stops renewing and releases the instance lock (the one held now, which renewal may have re-taken). */
    void release(Running run) {
        running.remove(run.row.seq(), run);
        ClusterLock lock;
        synchronized (run) {
            run.released = true;
            lock = run.lock;
            run.lock = null;
        }
        closeQuietly(lock);
    }

    int size() {
        return running.size();
    }

    /** Called by the timer every third of a lease. */
    void renewAll() {
        if (running.isEmpty()) {
            return;
        }
        long expires = clock.millis() + lease.toMillis();
        List<Long> seqs = List.copyOf(running.keySet());
        writer.submit(tx -> {
            for (long seq : seqs) {
                repository.renewLease(tx, seq, leaseOwner, expires);
            }
            return null;
        }).exceptionally(e -> {
            LOG.warn("Renewing the leases of {} running job(s) failed", seqs.size(), e);
            return null;
        });
        for (Running run : running.values()) {
            renewLock(run);
        }
    }

    private void renewLock(Running run) {
        ClusterLock held;
        synchronized (run) {
            held = run.lock;
        }
        if (run.lockName == null || held == null) {
            return;
        }
        long now = clock.millis();
        if (held.renew(lease)) {
            synchronized (run) {
                run.lockValidUntil = now + lease.toMillis();
            }
            return;
        }
        Optional<ClusterLock> again = Optional.empty();
        try {
            again = cluster.tryLock(run.lockName, Duration.ZERO, lease);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Taking lock {} again failed", run.lockName, e);
        }
        synchronized (run) {
            if (again.isPresent()) {
                if (run.released) {
                    closeQuietly(again.get());
                } else {
                    run.lock = again.get();
                    run.lockValidUntil = now + lease.toMillis();
                }
                return;
            }
            if (now < run.lockValidUntil || run.lockLost) {
                return;
            }
            run.lockLost = true;
        }
        LOG.warn("Job {} lost lock {}: asking its handler to stop", run.row.job().id(), run.lockName);
        writer.submit(tx -> {
            repository.appendHandlerLog(tx, run.row.seq(), JobLog.line(clock.instant(),
                    "the lock " + run.lockName + " could not be kept; the handler was asked to stop"));
            return null;
        });
    }

    private static void closeQuietly(ClusterLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (RuntimeException e) {
            LOG.warn("Releasing lock {} failed", lock.name(), e);
        }
    }
}
