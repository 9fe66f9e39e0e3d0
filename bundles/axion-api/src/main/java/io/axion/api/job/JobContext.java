package io.axion.api.job;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** What a {@link JobHandler} gets for one attempt of a job. */
@ProviderType
public interface JobContext {

    /** The job as it started this attempt ({@code IN_PROGRESS}, without its log). */
    Job job();

    default String id() {
        return job().id();
    }

    default String type() {
        return job().type();
    }

    /** The instance the job acts on (its lock is held for the whole attempt), or {@code null}. */
    default String instance() {
        return job().instance();
    }

    /** The host the job acts on (this node owns it for the whole attempt), or {@code null}. */
    default String host() {
        return job().host();
    }

    default Map<String, Object> payload() {
        return job().payload();
    }

    /** The payload mapped onto a type (a record or a bean) the way JSON would be. */
    <T> T payload(Class<T> type);

    /** This attempt's number, from 1. */
    default int attempt() {
        return job().attempts();
    }

    default boolean lastAttempt() {
        return job().attempts() >= job().maxAttempts();
    }

    /** Appends a line to the job's persisted log (for people: no secrets). */
    void log(String message);

    /**
     * Whether the handler should stop early: the engine shuts down, or the instance's lock could not be kept. A
     * handler that notices it may throw {@link TransientJobException}; the job then runs again later.
     */
    boolean stopRequested();
}
