package io.axion.api.job;

/** The life of a job: {@code PENDING → IN_PROGRESS → COMPLETED | FAILED}, and back to {@code PENDING} for a retry. */
public enum JobState {
    /** Waiting for a worker, for its retry time, for its instance's lock or for a handler of its type. */
    PENDING,
    /** A worker runs it now, holding the instance's lock and a lease on the job. */
    IN_PROGRESS,
    COMPLETED,
    /** Failed permanently or ran out of attempts; {@link Job#error()} says why. */
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }

    /** Parses a state name case-insensitively; empty for an unknown name. */
    public static java.util.Optional<JobState> parse(String name) {
        for (JobState state : values()) {
            if (state.name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(state);
            }
        }
        return java.util.Optional.empty();
    }
}
