package io.axion.api.job;

/** Thrown by a {@link JobHandler}: this attempt failed, but a later one may succeed (retried with backoff). */
public class TransientJobException extends RuntimeException {
    public TransientJobException(String message) {
        super(message);
    }

    public TransientJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
