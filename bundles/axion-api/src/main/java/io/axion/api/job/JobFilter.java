package io.axion.api.job;

import io.axion.api.error.ValidationException;

import java.util.Arrays;

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

    /**
     * The filter of {@code GET /api/v1/jobs?instance=&state=&limit=} (and of the shell's options) from its text
     * values; blank means "not given".
     *
     * @throws ValidationException naming the parameter that is wrong
     */
    public static JobFilter parse(String instance, String state, String limit) {
        return new JobFilter(blankToNull(instance), parseState(state), parseLimit(limit));
    }

    private static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return JobState.parse(state.trim()).orElseThrow(() -> new ValidationException("state",
                "must be one of " + Arrays.toString(JobState.values()) + ", not '" + state + "'"));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new ValidationException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
