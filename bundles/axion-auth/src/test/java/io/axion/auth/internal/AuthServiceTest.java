package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthServiceTest {
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
    void loginGivesATokenThatAuthenticatesWithTheUsersRole() {
        var response = f.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.1");
        assertThat(response.user().username()).isEqualTo("admin");
        assertThat(response.user().role()).isEqualTo(Roles.ADMIN);
        assertThat(response.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(24)));
        assertThat(f.auth.authenticateBearer(response.token())).contains(new AuthenticatedUser("admin", "admin"));
    }

    @Test
    void wrongPasswordOrUnknownUserIs401() {
        assertThatThrownBy(() -> f.login("admin", "wrong password!")).isInstanceOf(AxionException.class)
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> f.login("nobody", AuthFixture.ADMIN_PASSWORD))
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> f.login("NOT a name", "x"))
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(401));
    }

    @Test
    void deletingAUserRevokesItsTokensAtOnce() {
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        String token = f.login("olivia", "operator-pass-1");
        assertThat(f.auth.authenticateBearer(token)).contains(new AuthenticatedUser("olivia", "operator"));
        f.auth.users().delete("olivia");
        assertThat(f.auth.authenticateBearer(token)).isEmpty();
        // The same name created again is another account: the old token stays dead.
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        assertThat(f.auth.authenticateBearer(token)).isEmpty();
    }

    @Test
    void changingThePasswordRevokesEarlierTokensAndReturnsAFreshOne() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        String old = f.login("vera", "viewer-pass-1");
        var fresh = f.auth.changePassword("vera", "viewer-pass-1", "viewer-pass-2", "127.0.0.1");
        assertThat(f.auth.authenticateBearer(old)).isEmpty();
        assertThat(f.auth.authenticateBearer(fresh.token())).contains(new AuthenticatedUser("vera", "viewer"));
        assertThatThrownBy(() -> f.login("vera", "viewer-pass-1")).isInstanceOf(AxionException.class);
        assertThat(f.auth.authenticateBearer(f.login("vera", "viewer-pass-2"))).isPresent();
    }

    @Test
    void anAdminResetsAForgottenPasswordWhichRevokesTheUsersTokens() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        String old = f.login("vera", "viewer-pass-1");
        new UserAccounts(f.auth).setPassword("vera", "viewer-pass-2");
        assertThat(f.auth.authenticateBearer(old)).isEmpty();
        assertThatThrownBy(() -> f.login("vera", "viewer-pass-1")).isInstanceOf(AxionException.class);
        assertThat(f.auth.authenticateBearer(f.login("vera", "viewer-pass-2"))).isPresent();

        assertThatThrownBy(() -> f.auth.resetPassword("vera", "short")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("password:");
        assertThatThrownBy(() -> f.auth.resetPassword("nobody", "viewer-pass-3"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.auth.resetPassword("../etc", "viewer-pass-3"))
                .isInstanceOf(NotFoundException.class);
        assertThat(f.auth.authenticateBearer(f.login("vera", "viewer-pass-2"))).isPresent();
    }

    @Test
    void listenersHearOfEveryRevocationButNotOfAFailedOne() {
        List<String> revoked = new CopyOnWriteArrayList<>();
        f.auth.revocationListeners.add(username -> {
            throw new IllegalStateException("a broken listener does not stop the others");
        });
        f.auth.revocationListeners.add(revoked::add);
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        f.auth.changePassword("vera", "viewer-pass-1", "viewer-pass-2", "127.0.0.1");
        f.auth.resetPassword("vera", "viewer-pass-3");
        assertThatThrownBy(() -> f.auth.resetPassword("vera", "short")).isInstanceOf(ValidationException.class);
        f.auth.users().delete("vera");
        assertThat(revoked).containsExactly("vera", "vera", "vera");
    }

    @Test
    void passwordChangeNeedsTheRightCurrentPasswordAndAStrongNewOne() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        assertThatThrownBy(() -> f.auth.changePassword("vera", "wrong-current", "viewer-pass-2", "127.0.0.1"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("currentPassword:");
        assertThatThrownBy(() -> f.auth.changePassword("vera", "viewer-pass-1", "short", "127.0.0.1"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("newPassword:");
        assertThatThrownBy(() -> f.auth.changePassword("vera", "viewer-pass-1", "viewer-pass-1", "127.0.0.1"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("newPassword:");
        assertThatThrownBy(() -> f.auth.changePassword("vera", null, "viewer-pass-2", "127.0.0.1"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("currentPassword:");
    }

    @Test
    void createValidatesAndRefusesDuplicates() {
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        assertThatThrownBy(() -> f.auth.users().create("olivia", "operator-pass-2", Roles.VIEWER))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.auth.users().create("Bad Name", "operator-pass-2", Roles.VIEWER))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("username:");
        assertThatThrownBy(() -> f.auth.users().create("weak", "1234", Roles.VIEWER))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("password:");
        assertThatThrownBy(() -> f.auth.users().create("rooty", "operator-pass-2", "root"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("role:");
        assertThat(f.auth.users().list()).extracting(UserRecord::username).containsExactly("admin", "olivia");
        assertThat(f.auth.users().list()).allSatisfy(u -> assertThat(u.passwordHash()).startsWith("$argon2id$"));
    }

    @Test
    void theLastAdminCannotBeDeletedButAnotherCan() {
        assertThatThrownBy(() -> f.auth.users().delete("admin")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.auth.users().delete("ghost")).isInstanceOf(NotFoundException.class);
        f.auth.users().create("second", "another-admin-1", Roles.ADMIN);
        f.auth.users().delete("admin");
        assertThatThrownBy(() -> f.auth.users().delete("second")).isInstanceOf(ConflictException.class);
        assertThat(f.auth.users().list()).extracting(UserRecord::username).containsExactly("second");
    }

    @Test
    void usersSurviveARestartAndTokensStayValidWithTheSameKey() {
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        String token = f.login("olivia", "operator-pass-1");
        f = f.restart(Map.of(), null);
        assertThat(f.auth.authenticateBearer(token)).contains(new AuthenticatedUser("olivia", "operator"));
        assertThat(f.auth.users().list()).hasSize(2);
    }

    @Test
    void ticketsAreSingleUseAndCarryTheUser() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        String ticket = f.auth.issueTicket("vera").ticket();
        assertThat(f.auth.redeemTicket(ticket)).contains(new AuthenticatedUser("vera", "viewer"));
        assertThat(f.auth.redeemTicket(ticket)).isEmpty();
        assertThat(f.auth.redeemTicket("made-up")).isEmpty();
        assertThat(f.auth.redeemTicket(null)).isEmpty();
    }

    @Test
    void ticketsExpireAfter30Seconds() {
        String ticket = f.auth.issueTicket("admin").ticket();
        String later = f.auth.issueTicket("admin").ticket();
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(f.auth.redeemTicket(later)).isPresent();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.auth.redeemTicket(ticket)).isEmpty();
    }

    @Test
    void aTicketOfADeletedUserOrAChangedPasswordIsRefused() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        String ticket = f.auth.issueTicket("vera").ticket();
        f.auth.users().delete("vera");
        assertThat(f.auth.redeemTicket(ticket)).isEmpty();
        f.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        String other = f.auth.issueTicket("olivia").ticket();
        f.auth.changePassword("olivia", "operator-pass-1", "operator-pass-2", "127.0.0.1");
        assertThat(f.auth.redeemTicket(other)).isEmpty();
    }

    @Test
    void aDeletedUserCannotGetATicketOrSeeItself() {
        f.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        f.auth.users().delete("vera");
        assertThatThrownBy(() -> f.auth.issueTicket("vera")).isInstanceOf(AxionException.class)
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(401));
    }

    @Test
    void loginsFailuresAndThrottlingAreAudited() {
        f.login("admin", AuthFixture.ADMIN_PASSWORD);
        assertThatThrownBy(() -> f.auth.login("admin", "wrong password!", "10.1.2.3"));
        assertThatThrownBy(() -> f.auth.login("Not A Name Or A Password", "x", "10.1.2.3"));
        var entries = f.auth.audit().recent(10, null);
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly("login-failed", "login-failed", "login");
        assertThat(entries.get(1).user()).isEqualTo("admin");
        assertThat(entries.get(1).address()).isEqualTo("10.1.2.3");
        assertThat(entries.get(1).status()).isEqualTo(401);
        assertThat(entries.get(1).path()).isEqualTo("/api/v1/auth/login");
        // What does not look like a username (maybe a password typed in the wrong field) is not recorded.
        assertThat(entries.get(0).user()).isNull();
        assertThat(f.auth.audit().recent(10, "admin")).hasSize(2);
    }
}
