package io.axion.api.lxd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instances in Axion's LXD project. Every method blocks until LXD has finished (background operations are
 * awaited with the driver's configured deadline). Failures are the {@code Lxd*Exception}s of this package.
 */
public interface LxdInstances {

    /** All instances, in one LXD call (no runtime state). */
    List<InstanceInfo> list();

    /** @throws LxdNotFoundException when there is no such instance */
    InstanceInfo get(String name);

    Optional<InstanceInfo> find(String name);

    /**
     * Creates (and, when the spec says so, starts) an instance. A remote image that cannot be fetched is
     * replaced by its configured local fallback, and the result says so.
     *
     * @throws LxdAlreadyExistsException when the name is taken
     */
    InstanceCreation create(InstanceSpec spec);

    /**
     * As {@link #create}, but without reading the instance back: the result's {@code instance()} is null. For a
     * caller that reads it itself afterwards (a job refreshing the view), which saves LXD a request per create.
     *
     * @throws LxdAlreadyExistsException when the name is taken
     */
    default InstanceCreation make(InstanceSpec spec) {
        return create(spec);
    }

    void start(String name);

    /**
     * Stops an instance: gracefully within {@code gracefulTimeout} (null for the configured default), then
     * forcibly; {@code force} skips the graceful attempt. Stopping a stopped instance does nothing.
     */
    void stop(String name, boolean force, Duration gracefulTimeout);

    default void stop(String name) {
        stop(name, false, null);
    }

    /** Restarts: a graceful stop within the configured timeout (forced after it, or at once with {@code force}). */
    void restart(String name, boolean force);

    void freeze(String name);

    void unfreeze(String name);

    /** Deletes an instance, force-stopping it first when it runs; deleting a missing one does nothing. */
    void delete(String name);

    /**
     * Sets CPU and memory limits (null leaves a limit as it is), live on a running instance.
     */
    void updateLimits(String name, Integer cpu, Integer memoryMiB);

    /**
     * Merges LXD configuration keys (e.g. {@code user.note}) into the instance's config, safely against
     * concurrent changes (retried on an ETag conflict). A null value removes the key.
     */
    void patchConfig(String name, Map<String, String> changes);

    /**
     * Copies an instance of another project of this same LXD server into Axion's project, with its config,
     * devices and snapshots (LXD's own copy); the copy is stopped. The source stays as it is.
     *
     * @throws LxdAlreadyExistsException when the name is taken here
     */
    void copyFromProject(String name, String sourceProject);

    /** The runtime state: one LXD call costing ~100-150 ms, so not for listings. */
    InstanceState state(String name);
}
