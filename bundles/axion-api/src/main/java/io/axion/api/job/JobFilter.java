package io.axion.api.job;

/**
 * Which jobs {@link JobService#list} returns, newest first.
 *
 * @param instance only jobs of this instance; {@code null} for all
 * @param state    only jobs in this state; {@code null} for all
 * @param limit    at most this many (1 to {@link #MAX_LIMIT})
 */
public record JobFilter(String instance, JobState state, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public JobFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static JobFilter newest(int limit) {
        return new JobFilter(null, null, limit);
    }

    public JobFilter withInstance(String name) {
        return new JobFilter(name, state, limit);
    }

    public JobFilter withState(JobState wanted) {
        return new JobFilter(instance, wanted, limit);
    }
}
