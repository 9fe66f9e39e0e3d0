package io.axion.hpc.internal.gang;

import io.axion.api.store.Store;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class GangTenancySqliteTest extends GangTenancyContract {
    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);

    @Override
    Store store() {
        return store.get();
    }
}
