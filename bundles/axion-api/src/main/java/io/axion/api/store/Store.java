package io.axion.api.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Axion's embedded database. Each bundle owns its tables and migrates them itself with {@link #migrate}, so a
 * bundle's schema versions independently of the others'.
 */
public interface Store {

    DataSource dataSource();

    /**
     * Applies the bundle's pending versioned SQL migrations ({@code V1__create_jobs.sql}, ...) found in
     * {@code location} inside the bundle that loaded {@code anchor}. Idempotent; the history is kept per owner.
     *
     * @param owner a short name for the schema owner, such as {@code jobs}
     */
    void migrate(String owner, Class<?> anchor, String location);

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(SqlFunction<Connection, T> work);

    @FunctionalInterface
    interface SqlFunction<I, O> {
        O apply(I input) throws SQLException;
    }
}
