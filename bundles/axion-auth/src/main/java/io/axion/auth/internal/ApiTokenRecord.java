package io.axion.auth.internal;

import java.time.Instant;
import java.util.List;

/** One API token as stored, without its secret (only the secret's SHA-256 is kept, and only the store sees it). */
record ApiTokenRecord(String id, String prefix, String owner, String ownerId, String name, List<String> scopes,
                      String tenant, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
