package io.axion.api.auth;

import java.time.Instant;
import java.util.List;

/** An API token as listed: who owns it, what it may do, where it acts and when it was last used; never its secret. */
public record ApiToken(String id, String name, String owner, List<String> scopes, String tenant, Instant createdAt,
                       Instant expiresAt, Instant lastUsedAt) {
}
