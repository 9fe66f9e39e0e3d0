package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.store.internal.SqliteStore;
import io.axion.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;
    SqliteStore store;
    final MutableClock clock = new MutableClock();
    AuditLog audit;

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("axion.db"));
        store.migrate("auth", AuditLogTest.class, "db/auth");
        audit = new AuditLog(store, clock, Duration.ofDays(90), 5);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void listsNewestFirstWithALimitAndAUserFilter() {
        audit.record("alice", AuditLog.REQUEST, "POST", "/api/v1/instances", "10.0.0.1", 202);
        clock.advance(Duration.ofSeconds(1));
        audit.record(null, AuditLog.REQUEST, "DELETE", "/api/v1/users/bob", "10.0.0.2", 401);
        clock.advance(Duration.ofSeconds(1));
        audit.record("alice", AuditLog.LOGIN, "POST", "/api/v1/auth/login", "10.0.0.1", 200);

        assertThat(audit.recent(10, null)).extracting(AuditEntry::path)
                .containsExactly("/api/v1/auth/login", "/api/v1/users/bob", "/api/v1/instances");
        assertThat(audit.recent(1, null)).hasSize(1);
        assertThat(audit.recent(10, "alice")).extracting(AuditEntry::action).containsExactly("login", "request");
        AuditEntry anonymous = audit.recent(10, null).get(1);
        assertThat(anonymous.user()).isNull();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.address()).isEqualTo("10.0.0.2");
        assertThat(anonymous.at()).isEqualTo(clock.instant().minusSeconds(1));
    }

    @Test
    void limitsAreClampedAndLongTextIsClipped() {
        audit.record("alice", AuditLog.REQUEST, "POST", "/" + "x".repeat(5000), "10.0.0.1", null);
        AuditEntry entry = audit.recent(0, null).get(0);
        assertThat(entry.path()).hasSize(512);
        assertThat(entry.status()).isNull();
        assertThat(audit.recent(1_000_000, null)).hasSize(1);
    }

    @Test
    void prunesEntriesPastTheRetention() {
        audit.record("alice", AuditLog.REQUEST, "POST", "/old", "10.0.0.1", 200);
        clock.advance(Duration.ofDays(91));
        audit.record("alice", AuditLog.REQUEST, "POST", "/new", "10.0.0.1", 200);
        assertThat(audit.prune()).isEqualTo(1);
        assertThat(audit.recent(10, null)).extracting(AuditEntry::path).containsExactly("/new");
    }

    @Test
    void keepsAtMostTheNewestEntries() {
        for (int i = 0; i < 8; i++) {
            audit.record("alice", AuditLog.REQUEST, "POST", "/" + i, "10.0.0.1", 200);
        }
        assertThat(audit.prune()).isEqualTo(3);
        assertThat(audit.recent(10, null)).extracting(AuditEntry::path)
                .containsExactly("/7", "/6", "/5", "/4", "/3");
    }

    @Test
    void aBrokenStoreDoesNotFailTheAuditedAction() {
        store.close();
        audit.record("alice", AuditLog.REQUEST, "POST", "/x", "10.0.0.1", 200);
    }
}
