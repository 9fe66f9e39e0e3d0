package io.axion.auth.internal;

import java.time.Instant;
import java.util.List;

/** The JSON bodies of the auth, users and audit routes (shared/API.md). */
public final class ApiTypes {
    private ApiTypes() {
    }

    /** {@code code}: the TOTP code (or a recovery code) of a user with two-factor login on. */
    public record LoginRequest(String username, String password, String code) {
    }

    public record UserView(String username, String role) {
    }

    public record LoginResponse(String token, Instant expiresAt, UserView user) {
    }

    /** A login that also turned two-factor login on: the recovery codes are shown this once. */
    public record LoginWithRecovery(String token, Instant expiresAt, UserView user, List<String> recoveryCodes) {
    }

    /** A pending enrolment: the secret as text and as the URI of a QR code for authenticator apps. */
    public record TotpEnrolment(String secret, String otpauthUri) {
        static TotpEnrolment of(TwoFactor.Enrolment enrolment) {
            return new TotpEnrolment(enrolment.secret(), enrolment.otpauthUri());
        }
    }

    public record TotpCode(String code) {
    }

    public record TotpRecoveryCodes(List<String> recoveryCodes) {
    }

    /** Turning two-factor login off: a current code (or a recovery code), or else the password. */
    public record TotpDisable(String code, String password) {
    }

    /** The enrolment of a user who cannot log in before enrolling (their role requires TOTP). */
    public record TotpLoginEnrol(String username, String password) {
    }

    public record TotpLoginConfirm(String username, String password, String code) {
    }

    /** {@code pending}: enrolled but not confirmed; {@code required}: the user's role must use it. */
    public record TotpStatus(boolean enabled, boolean pending, boolean required, int recoveryCodesLeft) {
        static TotpStatus of(TwoFactor.State state) {
            return new TotpStatus(state.enabled(), state.pending(), state.required(), state.recoveryCodesLeft());
        }
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

    /** {@code totp}: whether the user logs in with a code. */
    public record UserDetails(String username, String role, Instant createdAt, Instant passwordChangedAt,
                              boolean totp) {
        static UserDetails of(UserRecord user, boolean totp) {
            return new UserDetails(user.username(), user.role(), user.createdAt(), user.passwordChangedAt(), totp);
        }
    }
}
