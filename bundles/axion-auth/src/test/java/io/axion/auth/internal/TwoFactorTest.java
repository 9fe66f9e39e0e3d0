package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.TooManyRequestsException;
import io.axion.api.error.ValidationException;
import io.axion.auth.internal.LoginService.Origin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-factor logins end to end over the real store: enrolment, codes at login, replay, recovery, throttle. */
class TwoFactorTest {
    static final String PASSWORD = "correct-horse-battery-1";
    static final String ADDRESS = "10.0.0.7";

    @TempDir
    Path dir;
    AuthFixture f;
    Totp codes;

    @BeforeEach
    void start() {
        f = AuthFixture.withAdmin(dir);
        codes = new Totp(f.clock);
        f.auth.users().create("alice", PASSWORD, Roles.OPERATOR);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void enrolmentIsPendingUntilAFirstCodeConfirmsIt() {
        TwoFactor.Enrolment enrolment = f.auth.enrolTotp("alice", ADDRESS);
        assertThat(enrolment.secret()).matches("[A-Z2-7]{32}");
        assertThat(enrolment.otpauthUri()).startsWith("otpauth://totp/Axion:alice?secret=" + enrolment.secret());
        assertThat(f.auth.totpState("alice").pending()).isTrue();
        // Pending: the password alone still logs in.
        assertThat(f.auth.login("alice", PASSWORD, ADDRESS).token()).isNotEmpty();

        assertThatThrownBy(() -> f.auth.confirmTotp("alice", "000000", ADDRESS))
                .isInstanceOf(ValidationException.class);
        List<String> recovery = f.auth.confirmTotp("alice", now(enrolment.secret()), ADDRESS);
        assertThat(recovery).hasSize(TwoFactor.RECOVERY_CODES).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        TwoFactor.State state = f.auth.totpState("alice");
        assertThat(state.enabled()).isTrue();
        assertThat(state.recoveryCodesLeft()).isEqualTo(TwoFactor.RECOVERY_CODES);
        // Only hashes are stored.
        String stored = f.store.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT group_concat(code_hash) FROM auth_totp_recovery")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).contains("$argon2id$");
        recovery.forEach(code -> assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", "")));

        assertThatThrownBy(() -> f.auth.enrolTotp("alice", ADDRESS)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.auth.confirmTotp("alice", now(enrolment.secret()), ADDRESS))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aLoginWithoutTheCodeIsTotpRequiredAndWithItGivesAToken() {
        String secret = enable("alice");
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, ADDRESS)).satisfies(e -> problem(e, 401,
                "totp-required"));
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, "", ADDRESS)).satisfies(e -> problem(e, 401,
                "totp-required"));
        // The wrong password is still just that, code or not.
        assertThatThrownBy(() -> f.auth.login("alice", "wrong-password-1", now(secret), ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));

        String token = f.auth.login("alice", PASSWORD, now(secret), ADDRESS).token();
        assertThat(f.auth.authenticateBearer(token)).isPresent();
        List<String> actions = f.auth.audit().recent(20, "alice").stream().map(AuditEntry::action).toList();
        assertThat(actions).contains(AuditLog.LOGIN_TOTP_REQUIRED, AuditLog.TOTP_ENROL, AuditLog.TOTP_ENABLED,
                AuditLog.LOGIN);
        assertThat(f.auth.audit().recent(100, null).toString()).doesNotContain(secret).doesNotContain(now(secret));
    }

    @Test
    void aWrongCodeIsRefusedLikeAWrongPassword() {
        String secret = enable("alice");
        String wrong = now(secret).equals("123456") ? "654321" : "123456";
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, wrong, ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, "12345", ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, "not-a-recovery-code", ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        assertThat(f.auth.audit().recent(10, "alice")).extracting(AuditEntry::action)
                .contains(AuditLog.LOGIN_FAILED);
    }

    @Test
    void oneStepOfClockSkewIsAcceptedAndTwoAreNot() {
        String secret = enable("alice");
        long step = codes.currentStep();
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, codes.code(secret, step + 2), ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        assertThat(f.auth.login("alice", PASSWORD, codes.code(secret, step + 1), ADDRESS).token()).isNotEmpty();
        f.clock.advance(Totp.STEP.multipliedBy(4));
        long later = codes.currentStep();
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, codes.code(secret, later - 2), ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        assertThat(f.auth.login("alice", PASSWORD, codes.code(secret, later - 1), ADDRESS).token()).isNotEmpty();
    }

    @Test
    void aCodeWorksOnceOnEveryNodeAndNoEarlierCodeAfterIt() {
        String secret = enable("alice");
        String code = now(secret);
        assertThat(f.auth.login("alice", PASSWORD, code, ADDRESS).token()).isNotEmpty();
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, code, ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        // The replay through another node of the cluster is refused as well: the last step is in the store.
        try (AuthFixture second = f.secondNode(dir.resolve("node-2"))) {
            assertThatThrownBy(() -> second.auth.login("alice", PASSWORD, code, ADDRESS))
                    .satisfies(e -> problem(e, 401, "bad-credentials"));
            // The previous step's code is within the skew, but older than the one used: refused too.
            String previous = codes.code(secret, codes.currentStep() - 1);
            assertThatThrownBy(() -> second.auth.login("alice", PASSWORD, previous, ADDRESS))
                    .satisfies(e -> problem(e, 401, "bad-credentials"));
            f.clock.advance(Totp.STEP);
            assertThat(second.auth.login("alice", PASSWORD, now(secret), ADDRESS).token()).isNotEmpty();
        }
    }

    @Test
    void aRecoveryCodeWorksOnceInAnySpellingAndOthersStillWork() {
        f.auth.enrolTotp("alice", ADDRESS);
        String secret = pendingSecret("alice");
        List<String> recovery = f.auth.confirmTotp("alice", now(secret), ADDRESS);

        assertThat(f.auth.login("alice", PASSWORD, recovery.get(3), ADDRESS).token()).isNotEmpty();
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, recovery.get(3), ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        String shouted = recovery.get(5).toUpperCase().replace("-", " ");
        assertThat(f.auth.login("alice", PASSWORD, shouted, ADDRESS).token()).isNotEmpty();
        assertThat(f.auth.totpState("alice").recoveryCodesLeft()).isEqualTo(TwoFactor.RECOVERY_CODES - 2);
    }

    @Test
    void failedCodesCountTowardsTheLoginThrottleAndAMissingOneDoesNot() {
        String secret = enable("alice");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, ADDRESS))
                    .satisfies(e -> problem(e, 401, "totp-required"));
        }
        assertThat(f.sleeps).isEmpty(); // a right password without a code is no failure
        String wrong = now(secret).equals("111111") ? "222222" : "111111";
        for (int i = 1; i <= 9; i++) {
            assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, wrong, ADDRESS))
                    .satisfies(e -> problem(e, 401, "bad-credentials"));
        }
        assertThat(f.sleeps).isNotEmpty(); // slowed down after the third wrong code
        // A right password without a code clears nothing: the tenth wrong code locks.
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, ADDRESS))
                .satisfies(e -> problem(e, 401, "totp-required"));
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, wrong, ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, now(secret), ADDRESS))
                .isInstanceOf(TooManyRequestsException.class);
        f.clock.advance(Duration.ofSeconds(31));
        assertThat(f.auth.login("alice", PASSWORD, now(secret), ADDRESS).token()).isNotEmpty();
    }

    @Test
    void turningItOffNeedsACodeOrThePasswordAndWrongOnesAreThrottled() {
        String secret = enable("alice");
        assertThatThrownBy(() -> f.auth.disableTotp("alice", null, null, ADDRESS))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.auth.disableTotp("alice", "000000".equals(now(secret)) ? "999999" : "000000",
                null, ADDRESS)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.auth.disableTotp("alice", null, "wrong-password-1", ADDRESS))
                .isInstanceOf(ValidationException.class);
        f.auth.disableTotp("alice", now(secret), null, ADDRESS);
        assertThat(f.auth.totpState("alice").enabled()).isFalse();
        assertThat(f.auth.login("alice", PASSWORD, ADDRESS).token()).isNotEmpty();
        assertThatThrownBy(() -> f.auth.disableTotp("alice", null, PASSWORD, ADDRESS))
                .isInstanceOf(ConflictException.class);

        enable("alice");
        f.auth.disableTotp("alice", null, PASSWORD, ADDRESS);
        assertThat(f.auth.totpState("alice").enabled()).isFalse();
        assertThat(f.auth.audit().recent(50, "alice")).extracting(AuditEntry::action)
                .contains(AuditLog.TOTP_DISABLED);
    }

    @Test
    void anAdminResetsItAndDeletingTheUserForgetsIt() {
        enable("alice");
        f.auth.resetTotp("admin", "alice", ADDRESS);
        assertThat(f.auth.login("alice", PASSWORD, ADDRESS).token()).isNotEmpty();
        assertThat(f.auth.audit().recent(5, "admin")).extracting(AuditEntry::action).contains(AuditLog.TOTP_RESET);
        assertThatThrownBy(() -> f.auth.resetTotp("admin", "nobody", ADDRESS)).isInstanceOf(NotFoundException.class);

        enable("alice");
        f.auth.users().delete("alice");
        f.auth.users().create("alice", PASSWORD, Roles.OPERATOR);
        assertThat(f.auth.login("alice", PASSWORD, ADDRESS).token()).isNotEmpty();
        int rows = f.store.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM auth_totp")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rows).isZero();
    }

    @Test
    void aRoleThatRequiresItMustEnrolBeforeLoggingIn() {
        f.close();
        f = new AuthFixture(dir.resolve("required"), Map.of("totpRequiredRoles", "admin, operator"),
                AuthFixture.ADMIN_PASSWORD);
        codes = new Totp(f.clock);
        f.auth.users().create("alice", PASSWORD, Roles.OPERATOR);
        f.auth.users().create("vic", PASSWORD, Roles.VIEWER);
        assertThat(f.auth.login("vic", PASSWORD, ADDRESS).token()).isNotEmpty();
        assertThatThrownBy(() -> f.auth.login("alice", PASSWORD, ADDRESS))
                .satisfies(e -> problem(e, 401, "totp-enrolment-required"));
        assertThatThrownBy(() -> f.auth.enrolTotpAtLogin("alice", "wrong-password-1", ADDRESS))
                .satisfies(e -> problem(e, 401, "bad-credentials"));

        TwoFactor.Enrolment enrolment = f.auth.enrolTotpAtLogin("alice", PASSWORD, ADDRESS);
        assertThatThrownBy(() -> f.auth.confirmTotpAtLogin("alice", PASSWORD, "abc", ADDRESS))
                .isInstanceOf(ValidationException.class);
        ApiTypes.LoginWithRecovery login = f.auth.confirmTotpAtLogin("alice", PASSWORD, now(enrolment.secret()),
                ADDRESS);
        assertThat(f.auth.authenticateBearer(login.token())).isPresent();
        assertThat(login.recoveryCodes()).hasSize(TwoFactor.RECOVERY_CODES);
        // Now on, it cannot be turned off by its user, and it cannot be enrolled again over.
        assertThat(f.auth.totpState("alice").required()).isTrue();
        assertThatThrownBy(() -> f.auth.disableTotp("alice", null, PASSWORD, ADDRESS))
                .satisfies(e -> problem(e, 409, "totp-required-by-role"));
        assertThatThrownBy(() -> f.auth.enrolTotpAtLogin("alice", PASSWORD, ADDRESS))
                .satisfies(e -> problem(e, 409, "totp-enabled"));
        f.clock.advance(Totp.STEP);
        assertThat(f.auth.login("alice", PASSWORD, now(enrolment.secret()), ADDRESS).token()).isNotEmpty();
    }

    @Test
    void anUnknownRoleInTheSettingIsRefused() {
        assertThatThrownBy(() -> TwoFactor.roles("admin,root")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TwoFactor.roles(" admin operator,")).containsExactly("admin", "operator");
        assertThat(TwoFactor.roles("")).isEmpty();
    }

    @Test
    void theShellTakesTheCodeRightAfterThePassword() {
        String secret = enable("alice");
        Origin ssh = new Origin("SSH", "karaf-shell", ADDRESS);
        // Without the code the end of the password is taken for one, and the rest is a wrong password.
        assertThat(f.auth.checkPassword("alice", PASSWORD, ssh)).isEmpty();
        assertThat(f.auth.checkPassword("alice", PASSWORD + now(secret), ssh)).isPresent();
        assertThatThrownBy(() -> f.auth.checkPassword("alice", PASSWORD + now(secret), ssh))
                .isInstanceOf(AxionException.class); // used
        // Users without TOTP are as before.
        assertThat(f.auth.checkPassword("admin", AuthFixture.ADMIN_PASSWORD, ssh)).isPresent();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Enrols and confirms {@code username}, then moves to the next time step so that a fresh code is usable. */
    private String enable(String username) {
        TwoFactor.Enrolment enrolment = f.auth.enrolTotp(username, ADDRESS);
        f.auth.confirmTotp(username, now(enrolment.secret()), ADDRESS);
        f.clock.advance(Totp.STEP);
        return enrolment.secret();
    }

    private String pendingSecret(String username) {
        String userId = f.auth.users().find(username).orElseThrow().userId();
        return new TotpRepository(f.store).find(userId).orElseThrow().secret();
    }

    private String now(String secret) {
        return codes.code(secret, codes.currentStep());
    }

    private static void problem(Throwable e, int status, String slug) {
        assertThat(e).isInstanceOf(AxionException.class);
        assertThat(((AxionException) e).status()).as(e.getMessage()).isEqualTo(status);
        assertThat(((AxionException) e).slug()).as(e.getMessage()).isEqualTo(slug);
    }
}
