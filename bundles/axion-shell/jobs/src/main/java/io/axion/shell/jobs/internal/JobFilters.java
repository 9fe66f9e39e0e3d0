package io.axion.shell.jobs.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobState;
import java.util.Arrays;

/** The checks of {@code GET /api/v1/jobs?instance=&state=&limit=}, with its messages, for the shell's options. */
final class JobFilters {
    private JobFilters() {
    }

    static JobFilter of(String instance, String state, String limit) {
        return new JobFilter(blankToNull(instance), state(state), limit(limit));
    }

    static JobState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return JobState.parse(state.trim()).orElseThrow(() -> new ValidationException("state",
                "must be one of " + Arrays.toString(JobState.values()) + ", not '" + state + "'"));
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return JobFilter.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= JobFilter.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new ValidationException("limit", "must be a whole number from 1 to " + JobFilter.MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
