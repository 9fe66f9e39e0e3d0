package io.axion.api.job;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Does the work of one or more job types. Register it as an OSGi service with the service property
 * {@value #TYPE_PROPERTY} naming its type (a string, or an array of strings for several); jobs of a type wait until
 * a handler for it is registered.
 * <p>
 * <b>A job may run more than once</b>: when its node dies mid-job, the job runs again from the start once its lease
 * ran out. Write every step to be harmless when repeated: check before you act (a create finds the instance it
 * already made, a delete finds it gone).
 * <p>
 * How failures are treated:
 * <ul>
 * <li>return {@link JobResult#ok()} (or {@code null}): the job is {@code COMPLETED};</li>
 * <li>transient, retried with exponential backoff until the job's attempts are used up:
 * {@link JobResult#retry}, {@link TransientJobException}, any {@link io.axion.api.error.AxionException} with a
 * 5xx status (LXD unreachable or failing, an instance busy with another operation), an {@link java.io.IOException} or {@link java.util.concurrent.TimeoutException} (also when wrapped in an
 * {@code UncheckedIOException}, {@code CompletionException} or {@code ExecutionException});</li>
 * <li>permanent, the job is {@code FAILED} at once: {@link JobResult#fail}, {@link PermanentJobException}, any
 * {@link io.axion.api.error.AxionException} with a 4xx status (validation, not found, conflict) and any other exception (a
 * bug does not get better by retrying).</li>
 * </ul>
 * The error message of every attempt goes into the job's log, so do not put secrets in exception messages.
 */
@ConsumerType
public interface JobHandler {

    /** Service property: the job type(s) this handler does. */
    String TYPE_PROPERTY = "axion.job.type";

    JobResult process(JobContext context) throws Exception;
}
