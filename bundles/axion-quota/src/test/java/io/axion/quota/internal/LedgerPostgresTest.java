package io.axion.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.store.internal.PostgresStore;
import io.axion.testing.TempPostgresStore;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quota migrations (V1-V4) on PostgreSQL, the store a cluster shares, and the ledger's disk figures there. */
class LedgerPostgresTest {
    @RegisterExtension
    static final TempPostgresStore<PostgresStore> STORE = new TempPostgresStore<>(
            db -> new PostgresStore(db.url(), db.user(), db.password()));

    @Test
    void reservationsKeepTheirDiskAndTenantThroughAnUndo() {
        new LimitsStore(STORE.get()).save(new Amounts(4, 4096));
        Ledger ledger = new Ledger(STORE.get(), Clock.systemUTC());
        ledger.put("x", new Placed("h1", new Amounts(1, 64, 7)), "a");
        Optional<Ledger.Hold> previous = ledger.put("x", new Placed(null, new Amounts(2, 128, 9)), "a");
        assertThat(ledger.current().get("x").amounts().diskGiB()).isEqualTo(9);
        ledger.undo("x", previous);
        assertThat(ledger.current().get("x")).isEqualTo(new Placed("h1", new Amounts(1, 64, 7)));
        assertThat(ledger.tenants()).containsEntry("x", "a");
    }
}
