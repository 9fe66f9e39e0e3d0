package io.axion.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when every credential of a user stops working: the user was deleted, or their password changed or was reset.
 * Register it as an OSGi service; whoever keeps sessions that were authenticated once and live on (WebSockets)
 * ends that user's sessions, so that a revoked user keeps no terminal open.
 */
@ConsumerType
public interface RevocationListener {

    /** Called after the change is stored; must not block. */
    void revoked(String username);
}
