package io.axion.api.job;

import java.util.Objects;

/**
 * How an attempt ended, when the handler returns rather than throws.
 *
 * @param message for the job's log; for {@code RETRY} and {@code FAILED} also the job's error
 */
public record JobResult(Outcome outcome, String message) {

    public enum Outcome {
        SUCCEEDED,
        /** Transient failure: run again after a backoff, while attempts are left. */
        RETRY,
        /** Permanent failure: the job is {@code FAILED} now. */
        FAILED
    }

    public JobResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static JobResult ok() {
        return new JobResult(Outcome.SUCCEEDED, null);
    }

    public static JobResult ok(String message) {
        return new JobResult(Outcome.SUCCEEDED, message);
    }

    public static JobResult retry(String reason) {
        return new JobResult(Outcome.RETRY, reason);
    }

    public static JobResult fail(String reason) {
        return new JobResult(Outcome.FAILED, reason);
    }
}
