package io.axion.backup.internal;

import io.axion.api.store.Store;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupStoreSqliteTest extends BackupStoreContract {
    @RegisterExtension
    final TempStore<SqliteStore> sqlite = new TempStore<>(SqliteStore::new);

    @Override
    Store store() {
        return sqlite.get();
    }
}
