package io.axion.auth.internal;

import java.time.Instant;
import java.util.List;

/** The JSON bodies of the auth, users and audit routes (shared/API.md). */
public final class ApiTypes {
    private ApiTypes() {
    }

    public record LoginRequest(String username, String password) {
    }

    public record UserView(String username, String role) {
    }

    public record LoginResponse(String token, Instant expiresAt, UserView user) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    public record PasswordReset(String password) {
    }

    public record TicketResponse(String ticket, Instant expiresAt) {
    }

    public record NewUser(String username, String password, String role) {
    }

    public record NewApiToken(String name, List<String> scopes, String tenant, Instant expiresAt) {
    }

    /** A token as listed: never its secret. */
    public record ApiTokenView(String id, String name, String owner, List<String> scopes, String tenant,
                               Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
        static ApiTokenView of(ApiTokenRecord token) {
            return new ApiTokenView(token.id(), token.name(), token.owner(), token.scopes(), token.tenant(),
                    token.createdAt(), token.expiresAt(), token.lastUsedAt());
        }
    }

    /** The answer to a create: the token as listed, and its secret, shown this once. */
    public record CreatedApiToken(String id, String name, String owner, List<String> scopes, String tenant,
                                  Instant createdAt, Instant expiresAt, String token) {
    }

    public record UserDetails(String username, String role, Instant createdAt, Instant passwordChangedAt) {
        static UserDetails of(UserRecord user) {
            return new UserDetails(user.username(), user.role(), user.createdAt(), user.passwordChangedAt());
        }
    }
}
