package io.axion.api.job;

/** Thrown by a {@link JobHandler}: the job cannot succeed; it is {@code FAILED} without another attempt. */
public class PermanentJobException extends RuntimeException {
    public PermanentJobException(String message) {
        super(message);
    }

    public PermanentJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
