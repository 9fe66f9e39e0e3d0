package io.axion.backup.internal;

import io.axion.api.store.Store;
import io.axion.store.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class BackupStoreSqliteTest extends BackupStoreContract {
    SqliteStore store;

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("axion.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    Store store() {
        return store;
    }
}
