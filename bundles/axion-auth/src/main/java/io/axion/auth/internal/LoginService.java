package io.axion.auth.internal;

import io.axion.api.error.AxionException;
import io.axion.api.error.TooManyRequestsException;
import io.axion.auth.internal.UserRecord.UserState;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a username and password, for the API's login and for the Karaf shell alike. Every attempt runs one
 * Argon2id hash (against a dummy hash when the user does not exist), so a failure takes as long as a success and
 * tells nothing about which names exist. Failures are throttled and audited.
 */
final class LoginService {
    /** Blocks the caller; tests record instead of waiting. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration);
    }

    private final UserDirectory users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Sleeper sleeper;
    private final String dummyHash;
    /** Null: no second factor anywhere (tests of the password alone). */
    private final TwoFactor twoFactor;

    LoginService(UserDirectory users, PasswordHasher hasher, LoginThrottle throttle, AuditLog audit,
                 Sleeper sleeper) {
        this(users, hasher, throttle, audit, sleeper, null);
    }

    LoginService(UserDirectory users, PasswordHasher hasher, LoginThrottle throttle, AuditLog audit,
                 Sleeper sleeper, TwoFactor twoFactor) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.sleeper = sleeper;
        this.twoFactor = twoFactor;
        this.dummyHash = hasher.hash(FirstAdmin.randomPassword());
    }

    /** Where an attempt came from, for the audit log: the channel and the client's address. */
    record Origin(String method, String path, String address) {
    }

    /** As {@link #authenticate(String, String, String, Origin)} without a code. */
    Optional<UserState> authenticate(String username, String password, Origin origin) {
        return authenticate(username, password, null, origin);
    }

    /**
     * The password first; then, for a user with TOTP on, {@code code}: a current code or an unused recovery code. A
     * wrong code is a failed login like a wrong password (throttled, audited). A right password without the code it
     * needs changes no counter: it is answered 401 {@code totp-required}, or {@code totp-enrolment-required} when the
     * user's role must use TOTP and the user has not enrolled.
     *
     * @return the user when the password (and the code, when one is needed) is right; empty for a wrong password
     *         (after the slow-down delay)
     * @throws TooManyRequestsException while the username or the address is locked
     * @throws AxionException 401 for a missing or wrong code
     */
    Optional<UserState> authenticate(String username, String password, String code, Origin origin) {
        Optional<UserRecord> user = checkPassword(username, password, origin);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        secondFactor(user.get(), code, origin);
        throttle.success(username, origin.address());
        users.upgradeHashIfNeeded(user.get(), password);
        audit.record(username, AuditLog.LOGIN, origin.method(), origin.path(), origin.address(), 200);
        return Optional.of(user.get().state()); // as stored: another node may have made the user just now
    }

    /**
     * The shell's login, which has one secret to ask for: a user with TOTP on types the current code right after
     * the password ({@code my-password123456}).
     */
    Optional<UserState> authenticateCombined(String username, String secret, Origin origin) {
        String password = secret;
        String code = null;
        Optional<UserRecord> user = twoFactor == null ? Optional.empty() : users.find(username);
        if (user.isPresent() && secret != null && secret.length() > Totp.DIGITS
                && twoFactor.enabled(user.get().userId())) {
            password = secret.substring(0, secret.length() - Totp.DIGITS);
            code = secret.substring(secret.length() - Totp.DIGITS);
        }
        return authenticate(username, password, code, origin);
    }

    /**
     * Checks the password alone, as a login does (throttled, audited when wrong), for a user who must enrol before
     * logging in: the enrolment routes that stand in for a session.
     */
    UserState passwordOnly(String username, String password, Origin origin) {
        return checkPassword(username, password, origin).orElseThrow(AuthService::badCredentials).state();
    }

    /** The first factor: refused while locked; a wrong password is audited and counted (and slowed down). */
    private Optional<UserRecord> checkPassword(String username, String password, Origin origin) {
        String audited = audited(username);
        refuseWhileLockedAudited(username, audited, origin);
        Optional<UserRecord> user = users.find(username);
        if (!matches(user, password)) {
            audit.record(audited, AuditLog.LOGIN_FAILED, origin.method(), origin.path(), origin.address(), 401);
            failed(username, origin.address());
            return Optional.empty();
        }
        return user;
    }

    /** A login completed elsewhere (an enrolment at login): clears the counters and audits it like a login. */
    void succeeded(String username, Origin origin) {
        throttle.success(username, origin.address());
        audit.record(username, AuditLog.LOGIN, origin.method(), origin.path(), origin.address(), 200);
    }

    /** Checks a code of a logged-in user (turning TOTP off): throttled like a login. */
    boolean confirmCode(UserState user, String code, String address) {
        refuseWhileLocked(user.username(), address, "Too many wrong codes");
        if (twoFactor != null && twoFactor.check(user.userId(), code)) {
            return true;
        }
        failed(user.username(), address);
        return false;
    }

    /** Throws unless the user's second factor, if any is needed, is satisfied by {@code code}. */
    private void secondFactor(UserRecord user, String code, Origin origin) {
        if (twoFactor == null) {
            return;
        }
        if (twoFactor.enabled(user.userId())) {
            String given = Totp.normalise(code);
            if (given == null || given.isEmpty()) {
                audit.record(user.username(), AuditLog.LOGIN_TOTP_REQUIRED, origin.method(), origin.path(),
                        origin.address(), 401);
                throw new AxionException(401, "totp-required", "Code required",
                        "Enter the code of your authenticator app (or a recovery code) as \"code\"");
            }
            if (!twoFactor.check(user.userId(), given)) {
                audit.record(user.username(), AuditLog.LOGIN_FAILED, origin.method(), origin.path(),
                        origin.address(), 401);
                failed(user.username(), origin.address());
                throw new AxionException(401, "bad-credentials", "Unauthorized", "Wrong or already used code");
            }
        } else if (twoFactor.required(user.role())) {
            audit.record(user.username(), AuditLog.LOGIN_TOTP_REQUIRED, origin.method(), origin.path(),
                    origin.address(), 401);
            throw new AxionException(401, "totp-enrolment-required", "Two-factor enrolment required",
                    "Your role must log in with a code: enrol through POST /api/v1/auth/login/totp/enrol first");
        }
    }

    private void refuseWhileLockedAudited(String username, String audited, Origin origin) {
        try {
            refuseWhileLocked(username, origin.address(), "Too many failed logins");
        } catch (TooManyRequestsException e) {
            audit.record(audited, AuditLog.LOGIN_THROTTLED, origin.method(), origin.path(), origin.address(), 429);
            throw e;
        }
    }

    private static String audited(String username) {
        return username != null && Credentials.USERNAME.matcher(username).matches() ? username : null;
    }

    /** Checks the password of a logged-in user (before a password change): throttled like a login. */
    boolean confirm(String username, String password, String address) {
        refuseWhileLocked(username, address, "Too many wrong passwords");
        if (matches(users.find(username), password)) {
            return true;
        }
        failed(username, address);
        return false;
    }

    private void refuseWhileLocked(String username, String address, String why) {
        Optional<Duration> locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            throw new TooManyRequestsException(why + "; try again in " + seconds + " s", seconds);
        }
    }

    /** Always one hash, of the same cost, whether or not the user exists or the password is usable. */
    private boolean matches(Optional<UserRecord> user, String password) {
        boolean usable = password != null && !password.isEmpty()
                && password.length() <= Credentials.MAX_PASSWORD_LENGTH;
        boolean matches = hasher.verify(usable ? password : "", user.map(UserRecord::passwordHash).orElse(dummyHash));
        return matches && usable && user.isPresent();
    }

    private void failed(String username, String address) {
        Duration delay = throttle.failure(username, address);
        if (!delay.isZero()) {
            sleeper.sleep(delay);
        }
    }
}
