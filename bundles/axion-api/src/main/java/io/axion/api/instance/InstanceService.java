package io.axion.api.instance;

import io.axion.api.job.Job;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Instances of Axion's LXD project. Reads come from an in-memory view kept current by LXD's event stream, job
 * results and a periodic reconcile: they never make per-instance LXD state calls. Every change is a job; the
 * methods returning {@link Job} validate, check the quota and enqueue, and return at once.
 * <p>
 * Errors: {@link io.axion.api.error.ValidationException} (422, the field named),
 * {@link io.axion.api.error.NotFoundException} (404), {@link io.axion.api.error.ConflictException} (409, a duplicate
 * name, before any job exists), {@code QuotaExceededException} (422 {@code quota-exceeded}).
 */
@ProviderType
public interface InstanceService {

    /** Every instance, sorted by name. */
    List<Instance> list();

    Optional<Instance> find(String name);

    /** @throws io.axion.api.error.NotFoundException when there is no such instance */
    default Instance get(String name) {
        return find(name).orElseThrow(() -> new io.axion.api.error.NotFoundException("Instance", name));
    }

    /**
     * One instance with its config and snapshots.
     *
     * @throws io.axion.api.error.NotFoundException when there is no such instance
     */
    InstanceDetails details(String name);

    /** Places and creates now: 422 quota-exceeded when no host has room, whatever {@code queue} says. */
    Job create(CreateInstance request);

    /**
     * As {@link #create}, but a request with {@code queue: true} that no host has room for waits in the installed
     * {@link CreateQueue} instead (422 as before when none is installed).
     *
     * @param owner the user asking, for the queue's fair share
     */
    CreateAdmission admit(CreateInstance request, String owner);

    /** Applies new limits, live when the instance runs. */
    Job resize(String name, Resize request);

    Job start(String name);

    /** @param force skip the graceful shutdown */
    Job stop(String name, boolean force);

    /** Restarts gracefully (forced once the graceful stop times out). */
    default Job restart(String name) {
        return restart(name, false);
    }

    /** @param force skip the graceful shutdown */
    Job restart(String name, boolean force);

    /** Deletes the instance, stopping it first when it runs. */
    Job delete(String name);

    /**
     * Moves the instance to another host (stopped, or stopped, moved and started again when it runs); its quota
     * and forwards move with it, and any failure leaves it where it was.
     *
     * @throws io.axion.api.error.NotFoundException   when the instance or the host is unknown
     * @throws io.axion.api.error.ValidationException (422) when it already is on that host
     */
    Job migrate(String name, String host);

    /**
     * The host an instance lives on.
     *
     * @throws io.axion.api.error.NotFoundException when there is no such instance
     */
    default String hostOf(String name) {
        return get(name).host();
    }
}
