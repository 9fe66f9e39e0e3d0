package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.api.error.TooManyRequestsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginThrottleTest {
    @TempDir
    Path dir;
    AuthFixture f;

    @BeforeEach
    void start() {
        f = AuthFixture.withAdmin(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void elevenBadPasswordsEndIn429AndTheRightOneWorksAfterTheWait() {
        for (int i = 1; i <= 10; i++) {
            String password = "wrong-" + i;
            assertThat(status(() -> f.auth.login("admin", password, "10.0.0.1"))).as("attempt " + i)
                    .isEqualTo(401);
        }
        TooManyRequestsException locked = catchThrottled(() -> f.auth.login("admin", "wrong-11", "10.0.0.1"));
        assertThat(locked.retryAfterSeconds()).isEqualTo(30);
        // Locked means locked, even for the right password.
        catchThrottled(() -> f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.1"));
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(catchThrottled(() -> f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.1"))
                .retryAfterSeconds()).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.1").token()).isNotBlank();
        assertThat(f.auth.audit().recent(100, "admin")).extracting(AuditEntry::action)
                .contains("login-throttled", "login-failed", "login");
    }

    @Test
    void failuresSlowDownAfterTheThirdUpToTheCap() {
        for (int i = 1; i <= 10; i++) {
            int n = i;
            status(() -> f.auth.login("admin", "wrong-" + n, "10.0.0.1"));
        }
        assertThat(f.sleeps).extracting(Duration::toMillis)
                .containsExactly(200L, 400L, 600L, 800L, 1000L, 1200L, 1400L, 1500L);
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= 9; i++) {
                status(() -> f.auth.login("admin", "wrong", "10.0.0.1"));
            }
            f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.1");
        }
        assertThat(status(() -> f.auth.login("admin", "wrong", "10.0.0.1"))).isEqualTo(401);
    }

    @Test
    void eachNewLockLastsTwiceAsLongUpToTheLongest() {
        for (int i = 1; i <= 10; i++) {
            status(() -> f.auth.login("admin", "wrong", "10.0.0.1"));
        }
        long[] expected = {60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            f.clock.advance(Duration.ofHours(1));
            // One more failure after a lock ran out locks again at once.
            assertThat(status(() -> f.auth.login("admin", "wrong", "10.0.0.1"))).isEqualTo(401);
            assertThat(catchThrottled(() -> f.auth.login("admin", "wrong", "10.0.0.1")).retryAfterSeconds())
                    .isEqualTo(seconds);
        }
    }

    @Test
    void anAddressTryingManyNamesIsLockedToo() {
        for (int i = 1; i <= 10; i++) {
            assertThat(status(() -> f.auth.login("user" + Math.random(), "wrong", "10.9.9.9"))).isEqualTo(401);
        }
        catchThrottled(() -> f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.9.9.9"));
        // Another address is not affected, and neither is the admin's own name.
        assertThat(f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.2").token()).isNotBlank();
    }

    @Test
    void aLockedUsernameIsLockedFromEveryAddress() {
        for (int i = 1; i <= 10; i++) {
            String address = "10.0.0." + i;
            status(() -> f.auth.login("admin", "wrong", address));
        }
        catchThrottled(() -> f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.99"));
    }

    @Test
    void failuresLongAgoAreForgotten() {
        for (int i = 1; i <= 9; i++) {
            status(() -> f.auth.login("admin", "wrong", "10.0.0.1"));
        }
        f.clock.advance(Duration.ofHours(2));
        for (int i = 1; i <= 9; i++) {
            assertThat(status(() -> f.auth.login("admin", "wrong", "10.0.0.1"))).isEqualTo(401);
        }
    }

    @Test
    void wrongCurrentPasswordsOnAPasswordChangeCountToo() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        for (int i = 1; i <= 10; i++) {
            assertThat(status(() -> f.auth.changePassword("vera", "wrong-current", "viewer-pass-2", "10.0.0.1")))
                    .isEqualTo(422);
        }
        catchThrottled(() -> f.auth.changePassword("vera", "viewer-pass-1", "viewer-pass-2", "10.0.0.1"));
    }

    @Test
    void thresholdsAndTimesAreSettings() {
        f = f.restart(Map.of("maxFailuresPerUser", 3, "lockoutSeconds", 5L, "slowdownAfterFailures", 100), null);
        for (int i = 1; i <= 3; i++) {
            status(() -> f.auth.login("admin", "wrong", "10.0.0.1"));
        }
        assertThat(catchThrottled(() -> f.auth.login("admin", "wrong", "10.0.0.1")).retryAfterSeconds()).isEqualTo(5);
        assertThat(f.sleeps).isEmpty();
    }

    @Test
    void quietKeysAreForgottenAndLockedOnesKept() {
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Policy(10, 10, 3, Duration.ofMillis(1),
                Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(60)), f.clock,
                new ThrottleCounters(f.store));
        for (int i = 0; i < 98; i++) {
            throttle.failure("u" + i, "a");
        }
        assertThat(throttle.size()).isEqualTo(99);
        f.clock.advance(Duration.ofHours(3));
        for (int i = 0; i < 10; i++) {
            throttle.failure("locked", "b");
        }
        // The sweep ran with the 100th failure: of the old keys none is left, the fresh lock stays.
        assertThat(throttle.size()).isEqualTo(2);
        assertThat(throttle.lockedFor("locked", "c")).isPresent();
    }

    @Test
    void twoNodesOverOneStoreCountTheSameFailures() {
        LoginThrottle.Policy policy = new LoginThrottle.Policy(4, 100, 100, Duration.ofMillis(1),
                Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
        LoginThrottle nodeA = new LoginThrottle(policy, f.clock, new ThrottleCounters(f.store));
        LoginThrottle nodeB = new LoginThrottle(policy, f.clock, new ThrottleCounters(f.store));
        nodeA.failure("admin", "10.0.0.1");
        nodeB.failure("admin", "10.0.0.2");
        nodeA.failure("admin", "10.0.0.3");
        assertThat(nodeB.lockedFor("admin", "10.0.0.4")).isEmpty();
        nodeB.failure("admin", "10.0.0.4");
        assertThat(nodeA.lockedFor("admin", "10.0.0.5")).contains(Duration.ofSeconds(30));
    }

    private static int status(Runnable attempt) {
        try {
            attempt.run();
            return 200;
        } catch (AxionException e) {
            return e.status();
        }
    }

    private static TooManyRequestsException catchThrottled(Runnable attempt) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(attempt::run);
        assertThat(thrown).isInstanceOf(TooManyRequestsException.class);
        TooManyRequestsException e = (TooManyRequestsException) thrown;
        assertThat(e.status()).isEqualTo(429);
        return e;
    }
}
