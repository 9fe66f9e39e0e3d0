package io.axion.backup.internal;

import io.axion.api.store.Store;
import io.axion.store.internal.PostgresStore;
import io.axion.testing.TempPostgresStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same on PostgreSQL, the store a cluster shares. */
class BackupStorePostgresTest extends BackupStoreContract {
    @RegisterExtension
    static final TempPostgresStore<PostgresStore> STORE = new TempPostgresStore<>(
            db -> new PostgresStore(db.url(), db.user(), db.password()));

    @Override
    Store store() {
        return STORE.get();
    }
}
