package io.axion.auth.internal;

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

    LoginService(UserDirectory users, PasswordHasher hasher, LoginThrottle throttle, AuditLog audit,
                 Sleeper sleeper) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.sleeper = sleeper;
        this.dummyHash = hasher.hash(FirstAdmin.randomPassword());
    }

    /** Where an attempt came from, for the audit log: the channel and the client's address. */
    record Origin(String method, String path, String address) {
    }

    /**
     * @return the user when the password is right; empty when not (after the slow-down delay)
     * @throws TooManyRequestsException while the username or the address is locked
     */
    Optional<UserState> authenticate(String username, String password, Origin origin) {
        String audited = username != null && Credentials.USERNAME.matcher(username).matches() ? username : null;
        try {
            refuseWhileLocked(username, origin.address(), "Too many failed logins");
        } catch (TooManyRequestsException e) {
            audit.record(audited, AuditLog.LOGIN_THROTTLED, origin.method(), origin.path(), origin.address(), 429);
            throw e;
        }
        Optional<UserRecord> user = users.find(username);
        if (matches(user, password)) {
            throttle.success(username, origin.address());
            users.upgradeHashIfNeeded(user.get(), password);
            audit.record(username, AuditLog.LOGIN, origin.method(), origin.path(), origin.address(), 200);
            return Optional.of(user.get().state()); // as stored: another node may have made the user just now
        }
        audit.record(audited, AuditLog.LOGIN_FAILED, origin.method(), origin.path(), origin.address(), 401);
        failed(username, origin.address());
        return Optional.empty();
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
