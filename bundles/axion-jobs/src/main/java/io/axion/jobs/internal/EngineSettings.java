package io.axion.jobs.internal;

import java.time.Duration;

/** The engine's settings, from {@link JobsConfig} in OSGi or built directly by tests and the benchmark. */
public record EngineSettings(int workers, Duration lease, int defaultMaxAttempts, Duration backoffInitial,
                             Duration backoffMax, double backoffJitter, Duration lockRetry,
                             Duration recoveryInterval, Duration pruneAfter, Duration pruneInterval,
                             Duration shutdownGrace) {

    public EngineSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (defaultMaxAttempts < 1) {
            throw new IllegalArgumentException("defaultMaxAttempts must be at least 1");
        }
        if (backoffJitter < 0 || backoffJitter >= 1) {
            throw new IllegalArgumentException("backoffJitter must be in [0, 1)");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(8, Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2,
                Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofDays(7), Duration.ofHours(1),
                Duration.ofSeconds(10));
    }

    static EngineSettings from(JobsConfig c) {
        return new EngineSettings(c.workers(), Duration.ofSeconds(c.leaseSeconds()), c.defaultMaxAttempts(),
                Duration.ofMillis(c.backoffInitialMillis()), Duration.ofMillis(c.backoffMaxMillis()),
                c.backoffJitter(), Duration.ofMillis(c.lockRetryMillis()),
                Duration.ofSeconds(c.recoveryIntervalSeconds()), Duration.ofHours(c.pruneAfterHours()),
                Duration.ofMinutes(c.pruneIntervalMinutes()), Duration.ofSeconds(c.shutdownGraceSeconds()));
    }

    public EngineSettings withWorkers(int count) {
        return new EngineSettings(count, lease, defaultMaxAttempts, backoffInitial, backoffMax, backoffJitter,
                lockRetry, recoveryInterval, pruneAfter, pruneInterval, shutdownGrace);
    }

    public EngineSettings withLease(Duration value) {
        return new EngineSettings(workers, value, defaultMaxAttempts, backoffInitial, backoffMax, backoffJitter,
                lockRetry, recoveryInterval, pruneAfter, pruneInterval, shutdownGrace);
    }

    public EngineSettings withBackoff(Duration initial, Duration max) {
        return new EngineSettings(workers, lease, defaultMaxAttempts, initial, max, backoffJitter,
                lockRetry, recoveryInterval, pruneAfter, pruneInterval, shutdownGrace);
    }

    public EngineSettings withLockRetry(Duration value) {
        return new EngineSettings(workers, lease, defaultMaxAttempts, backoffInitial, backoffMax, backoffJitter,
                value, recoveryInterval, pruneAfter, pruneInterval, shutdownGrace);
    }

    public EngineSettings withRecoveryInterval(Duration value) {
        return new EngineSettings(workers, lease, defaultMaxAttempts, backoffInitial, backoffMax, backoffJitter,
                lockRetry, value, pruneAfter, pruneInterval, shutdownGrace);
    }

    public EngineSettings withPruning(Duration after, Duration interval) {
        return new EngineSettings(workers, lease, defaultMaxAttempts, backoffInitial, backoffMax, backoffJitter,
                lockRetry, recoveryInterval, after, interval, shutdownGrace);
    }

    public EngineSettings withShutdownGrace(Duration value) {
        return new EngineSettings(workers, lease, defaultMaxAttempts, backoffInitial, backoffMax, backoffJitter,
                lockRetry, recoveryInterval, pruneAfter, pruneInterval, value);
    }

    /**
     * How often the engine sweeps the store for its hosts' jobs that no announcement brought, and for jobs whose
     * worker is gone: every two seconds, or the recovery interval when that is shorter.
     */
    Duration sweepInterval() {
        Duration twoSeconds = Duration.ofSeconds(2);
        return recoveryInterval.compareTo(twoSeconds) < 0 ? recoveryInterval : twoSeconds;
    }

    /** How often running jobs renew their lease: three times per lease, so one late renewal does not lose it. */
    Duration renewInterval() {
        return lease.dividedBy(3);
    }
}
