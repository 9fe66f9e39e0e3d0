package io.axion.api.auth;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit log: for recording the actions that do not pass through the REST API's own audit (WebSocket sessions
 * and shell commands), and for reading it outside the API (the shell). Provided by the auth feature; where it is
 * not installed there is no audit trail, and recorders bind it optionally.
 */
@ProviderType
public interface AuditTrail {
    /** The most entries one read returns. */
    int MAX_LIMIT = 1000;

    /** Records one event once its outcome is known. Never throws: a failing write is logged by the provider. */
    void record(AuditEvent event);

    /**
     * The newest entries first: at most {@code limit}, of one user or of everyone ({@code user} null).
     *
     * @throws io.axion.api.error.ValidationException when {@code limit} is not from 1 to {@link #MAX_LIMIT} (422)
     */
    List<AuditEntry> recent(int limit, String user);
}
