package io.axion.auth.internal;

import java.time.Instant;

/**
 * One account as stored. {@code userId} is new for every account (a name deleted and created again gets another
 * one); {@code tokenGeneration} grows with every password change. Tokens carry both.
 */
record UserRecord(String username, String userId, String passwordHash, String role, long tokenGeneration,
                  Instant createdAt, Instant passwordChangedAt) {

    /** The part of a user the hot path needs, cached in memory: no password hash. */
    UserState state() {
        return new UserState(username, userId, role, tokenGeneration);
    }

    record UserState(String username, String userId, String role, long tokenGeneration) {
    }
}
