package io.axion.api.error;

import java.util.Map;

/** 429: too many attempts; the caller may try again after {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends AxionException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(429, "too-many-requests", "Too many requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
