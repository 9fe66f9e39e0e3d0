package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.auth.Roles;
import io.axion.auth.internal.LoginService.Origin;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed login costs the same work as a successful one, whatever made it fail. */
class LoginServiceTest {
    @TempDir
    Path dir;
    SqliteStore store;
    PasswordHasher hasher;
    UserDirectory users;
    LoginService logins;
    final Origin origin = new Origin("POST", "/api/v1/auth/login", "127.0.0.1");

    @BeforeEach
    void start() {
        store = new SqliteStore(dir.resolve("axion.db"));
        store.migrate("auth", LoginServiceTest.class, "db/auth");
        MutableClock clock = new MutableClock();
        hasher = new PasswordHasher(64, 1, 2);
        users = new UserDirectory(new UserRepository(store), hasher, new Credentials(10), clock, username -> { },
                username -> { });
        users.load();
        users.create("alice", "correct horse 1", Roles.OPERATOR);
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Policy(1000, 1000, 1000, Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)), clock, new ThrottleCounters(store));
        AuditLog audit = new AuditLog(store, clock, Duration.ofDays(1), 1000);
        logins = new LoginService(users, hasher, throttle, audit, d -> { });
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void everyAttemptRunsExactlyOneHash() {
        assertThat(hashesFor("alice", "correct horse 1")).isEqualTo(1);
        assertThat(logins.authenticate("alice", "correct horse 1", origin)).isPresent();
        assertThat(hashesFor("alice", "wrong password")).isEqualTo(1);
        assertThat(hashesFor("nobody", "whatever pass")).isEqualTo(1);
        assertThat(hashesFor("Not A Valid Name!", "whatever pass")).isEqualTo(1);
        assertThat(hashesFor("alice", "")).isEqualTo(1);
        assertThat(hashesFor("alice", null)).isEqualTo(1);
        assertThat(hashesFor(null, null)).isEqualTo(1);
        assertThat(hashesFor("alice", "x".repeat(10_000))).isEqualTo(1);
    }

    private long hashesFor(String username, String password) {
        long before = hasher.derivations();
        logins.authenticate(username, password, origin);
        return hasher.derivations() - before;
    }
}
