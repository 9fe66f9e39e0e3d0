package io.axion.api.auth;

import java.time.Instant;

/** One Axion account as others may see it: never its password hash. */
public record UserAccount(String username, String role, Instant createdAt, Instant passwordChangedAt) {
}
