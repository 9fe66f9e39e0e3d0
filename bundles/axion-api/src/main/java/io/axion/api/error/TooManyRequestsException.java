package io.axion.api.error;

/**
 * 429: too many attempts (failed logins, tickets). The web layer answers with a {@code Retry-After} header of
 * {@link #retryAfterSeconds()} seconds.
 */
public class TooManyRequestsException extends AxionException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String slug, String detail, long retryAfterSeconds) {
        super(429, slug, "Too many requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds to wait before trying again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
