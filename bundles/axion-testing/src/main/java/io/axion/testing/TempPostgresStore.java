package io.axion.testing;

import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL counterpart of {@link TempStore}: a real store on an empty schema for each test, closed after it,
 * in a database of the class's own that is dropped once the class is done:
 * {@code @RegisterExtension static final TempPostgresStore<PostgresStore> STORE = new TempPostgresStore<>(db -> new
 * PostgresStore(db.url(), db.user(), db.password()));}. The store type is a parameter for the reason
 * {@link TempStore} gives.
 *
 * @param <S> the store, opened on the test database
 */
public final class TempPostgresStore<S extends AutoCloseable>
        implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final TestPostgres postgres = new TestPostgres();
    private final Function<TestPostgres.Database, S> open;
    private S store;

    public TempPostgresStore(Function<TestPostgres.Database, S> open) {
        this.open = open;
    }

    /** The open store; valid inside a test. */
    public S get() {
        return store;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store = open.apply(postgres.fresh());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        postgres.afterAll(context);
    }
}
