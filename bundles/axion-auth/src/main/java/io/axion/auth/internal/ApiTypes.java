package io.axion.auth.internal;

import java.time.Instant;

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

    public record UserDetails(String username, String role, Instant createdAt, Instant passwordChangedAt) {
        static UserDetails of(UserRecord user) {
            return new UserDetails(user.username(), user.role(), user.createdAt(), user.passwordChangedAt());
        }
    }
}
