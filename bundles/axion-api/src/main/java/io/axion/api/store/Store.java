package io.axion.api.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Axion's durable state: embedded SQLite on a single node (the default), or a PostgreSQL server that every node of a
 * cluster shares. Each bundle owns its tables and migrates them itself with {@link #migrate}, so a bundle's schema
 * versions independently of the others'.
 * <p>
 * <b>Migrations.</b> A bundle keeps its Flyway scripts ({@code V<n>__<what>.sql}) in its own location, such as
 * {@code db/jobs}, and the store applies those of {@code db/jobs} together with those of the dialect's sub-folder
 * ({@code db/jobs/sqlite} or {@code db/jobs/postgresql}, see {@link Dialect#migrationFolder()}). A version lives in
 * exactly one of them. New scripts go in the common folder and are written in SQL both dialects run: {@code BIGINT}
 * for epoch-millisecond times and counters, {@code TEXT}, {@code INTEGER} only for small numbers, text or UUID keys
 * instead of {@code AUTOINCREMENT}/{@code SERIAL}, {@code ON CONFLICT ... DO NOTHING / DO UPDATE} for upserts, no
 * functions only one of them has. Only what cannot be written so goes, as the same version, into both dialect
 * folders. The first scripts of each bundle ({@code V1}) are such a pair: the SQLite one as it always was (its Flyway
 * checksum must not change), and its PostgreSQL equivalent.
 * <p>
 * <b>Queries</b> follow the same rules; where a statement must differ, callers branch on {@link #dialect()}.
 */
@ProviderType
public interface Store {

    DataSource dataSource();

    /** The SQL dialect of this store's database. */
    Dialect dialect();

    /**
     * Applies the bundle's pending versioned SQL migrations ({@code V1__create_jobs.sql}, ...) found in
     * {@code location} and in its sub-folder for this store's {@link #dialect()}, inside the bundle that loaded
     * {@code anchor}. Idempotent, and safe when several nodes migrate at once; the history is kept per owner.
     *
     * @param owner a short name for the schema owner, such as {@code jobs}
     */
    void migrate(String owner, Class<?> anchor, String location);

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    <T> T inTransaction(SqlFunction<Connection, T> work);

    /**
     * Runs {@code work} in one transaction that no other holder of {@code lockName}, on this node or any other, runs
     * alongside: for check-and-reserve steps (a quota, a name, a port) that must be atomic cluster-wide. The lock is
     * taken before {@code work} starts and held until the commit or rollback, so {@code work} reads everything the
     * previous holder committed. SQLite serialises every writing transaction anyway; PostgreSQL takes a
     * transaction-scoped advisory lock on a hash of the name. Transactions that do not take the lock are not held
     * back, so every writer of the guarded rows must use it.
     */
    <T> T inExclusiveTransaction(String lockName, SqlFunction<Connection, T> work);

    @FunctionalInterface
    interface SqlFunction<I, O> {
        O apply(I input) throws SQLException;
    }
}
