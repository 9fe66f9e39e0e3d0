package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.store.internal.SqliteStore;
import io.axion.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameClaimsTest {
    private final MutableClock clock = new MutableClock();
    @TempDir
    static Path folder;
    private static SqliteStore store;
    private NameClaims claims;

    @BeforeAll
    static void openStore() {
        store = new SqliteStore(folder.resolve("claims.db"));
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @BeforeEach
    void freshClaims() {
        claims = new NameClaims(store, clock);
        store.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM instance_names"));
    }

    @Test
    void aClaimIsExclusiveUntilReleased() {
        assertThat(claims.claim("a", "one")).isTrue();
        assertThat(claims.claim("a", "one")).isTrue();
        assertThat(claims.claim("a", "two")).isFalse();
        claims.release("a", "two");
        assertThat(claims.claim("a", "two")).isFalse();
        claims.release("a", "one");
        assertThat(claims.claim("a", "two")).isTrue();
    }

    @Test
    void aSettledClaimLastsItsGraceThenFreesTheName() {
        claims.claim("a", "one");
        claims.transfer("a", "one", "job-1");
        claims.settle("a", "job-1", 30_000);
        assertThat(claims.claimed("a")).isTrue();
        assertThat(claims.claim("a", "two")).isFalse();
        clock.advance(java.time.Duration.ofSeconds(31));
        assertThat(claims.claimed("a")).isFalse();
        assertThat(claims.claim("a", "two")).isTrue();
    }

    @Test
    void aTransferredClaimBelongsToItsNewOwner() {
        claims.claim("a", "request");
        claims.transfer("a", "request", "job");
        claims.release("a", "request");
        assertThat(claims.claimed("a")).isTrue();
        claims.release("a", "job");
        assertThat(claims.claimed("a")).isFalse();
    }
}
