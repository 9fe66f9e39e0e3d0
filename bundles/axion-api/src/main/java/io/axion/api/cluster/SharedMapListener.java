package io.axion.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every change to a shared map, made by any member, in the order of the changes to each key. Called on a
 * cluster thread: return quickly.
 */
@ConsumerType
public interface SharedMapListener {
    void entryUpdated(String key, String value);

    void entryRemoved(String key);
}
