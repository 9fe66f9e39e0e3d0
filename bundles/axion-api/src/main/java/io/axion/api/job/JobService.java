package io.axion.api.job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Axion's persisted job queue. A job is durable once {@link #enqueue} returns: a crash after that loses nothing,
 * and the job runs (again, if it was running) when the engine comes back. Jobs of one instance run one at a time,
 * in the order they were enqueued.
 */
@ProviderType
public interface JobService {

    /**
     * Persists a new job and wakes a free worker for it.
     *
     * @param type     the job type, as declared by a {@link JobHandler} ({@value JobHandler#TYPE_PROPERTY}); a job
     *                 whose type has no handler yet waits for one
     * @param instance the instance the job acts on, or {@code null} for a job that touches none
     * @param payload  the handler's input: a {@code Map} or any object that maps to a JSON object (records are
     *                 fine); {@code null} is an empty object
     * @return the new job, or the existing job when {@code options} carries an idempotency key already used
     * @throws io.axion.api.error.ValidationException when the type is blank, the payload is not a JSON object or
     *                                                the options are invalid
     */
    Job enqueue(String type, String instance, Object payload, JobOptions options);

    default Job enqueue(String type, String instance, Object payload) {
        return enqueue(type, instance, payload, JobOptions.defaults());
    }

    /** The job with its log, or empty when unknown (or already pruned). */
    Optional<Job> find(String id);

    /** Jobs matching the filter, newest first, without their log lines. */
    List<Job> list(JobFilter filter);

    /**
     * How many jobs there are of each type in each state, one aggregate query (for metrics): combinations without
     * jobs are left out.
     */
    default List<JobCount> counts() {
        return List.of();
    }

    /**
     * Completes with the job once it is {@code COMPLETED} or {@code FAILED} (at once if it already is), or
     * exceptionally with {@link io.axion.api.error.NotFoundException} when the id is unknown.
     */
    CompletionStage<Job> whenFinished(String id);

    /** Waits for {@link #whenFinished}; for tests and the shell. */
    default Job awaitFinished(String id, Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return whenFinished(id).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
