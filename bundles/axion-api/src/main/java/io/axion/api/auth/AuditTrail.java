package io.axion.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit log, for actions that do not pass through the REST API's own audit: WebSocket sessions and shell
 * commands. Provided by the auth feature; where it is not installed there is no audit trail, and callers bind it
 * optionally.
 */
@ProviderType
public interface AuditTrail {

    /** Records one event once its outcome is known. Never throws: a failing write is logged by the provider. */
    void record(AuditEvent event);
}
