package io.axion.api.instance;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a create that asked to wait ({@code queue: true}) goes when no host has room. A scheduler plugin provides it
 * (the HPC scheduler does) and starts the entry through {@link InstanceService#create} once it fits.
 */
@ConsumerType
public interface CreateQueue {

    /**
     * Keeps the request, already validated, until it fits.
     *
     * @throws io.axion.api.error.ConflictException when a queued create already holds the name
     */
    QueuedCreate enqueue(CreateInstance request, String owner);

    /** Whether a queued create holds the name, so that a plain create of the same name is refused. */
    boolean holds(String name);
}
