package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.store.internal.PostgresStore;
import io.axion.testing.TempPostgresStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TOTP migration and statements on PostgreSQL, the store a cluster shares (SQLite: {@link TwoFactorTest}). */
class TotpRepositoryPostgresTest {
    @RegisterExtension
    static final TempPostgresStore<PostgresStore> STORE = new TempPostgresStore<>(
            db -> new PostgresStore(db.url(), db.user(), db.password()));

    TotpRepository totp;
    final Instant at = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeEach
    void open() {
        STORE.get().migrate("auth", TotpRepositoryPostgresTest.class, "db/auth");
        totp = new TotpRepository(STORE.get());
    }

    @Test
    void enrolConfirmUseStepsAndRecoveryCodesOnceAndDelete() {
        assertThat(totp.savePending("u1", "alice", "SECRET1", at)).isTrue();
        assertThat(totp.savePending("u1", "alice", "SECRET2", at.plusSeconds(1))).isTrue(); // enrolled again
        assertThat(totp.enable("u1", "SECRET1", 100, List.of("h1", "h2"), at)).isFalse(); // not the pending one
        assertThat(totp.enable("u1", "SECRET2", 100, List.of("h1", "h2"), at)).isTrue();
        assertThat(totp.savePending("u1", "alice", "SECRET3", at)).isFalse(); // on: no enrolment over it
        assertThat(totp.find("u1")).hasValueSatisfying(row -> {
            assertThat(row.enabled()).isTrue();
            assertThat(row.lastStep()).isEqualTo(100L);
            assertThat(row.secret()).isEqualTo("SECRET2");
        });
        assertThat(totp.enabledUserIds()).containsExactly("u1");

        assertThat(totp.useStep("u1", 100)).isFalse();
        assertThat(totp.useStep("u1", 99)).isFalse();
        assertThat(totp.useStep("u1", 101)).isTrue();
        assertThat(totp.useStep("u1", 101)).isFalse();

        assertThat(totp.recoveryHashes("u1")).containsExactly("h1", "h2");
        assertThat(totp.useRecovery("u1", "h2")).isTrue();
        assertThat(totp.useRecovery("u1", "h2")).isFalse();
        assertThat(totp.recoveryHashes("u1")).containsExactly("h1");

        assertThat(totp.delete("u1")).isTrue();
        assertThat(totp.find("u1")).isEmpty();
        assertThat(totp.recoveryHashes("u1")).isEmpty();
        assertThat(totp.delete("u1")).isFalse();
    }
}
