package io.axion.hpc.internal.gang;

import io.axion.api.store.Store;
import io.axion.store.internal.PostgresStore;
import io.axion.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same on PostgreSQL, the store a cluster shares (the V5 migration runs there too). */
class GangTenancyPostgresTest extends GangTenancyContract {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private PostgresStore store;

    @BeforeEach
    void open() {
        TestPostgres.Database db = POSTGRES.fresh();
        store = new PostgresStore(db.url(), db.user(), db.password());
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
