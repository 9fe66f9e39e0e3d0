package io.axion.api.job;

import java.util.Objects;

/**
 * How many jobs of one type are in one state (finished jobs count until the engine prunes them).
 *
 * @param type  the job type
 * @param state the state
 * @param count how many, at least 1 (absent combinations are not listed)
 */
public record JobCount(String type, JobState state, long count) {

    public JobCount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
    }
}
