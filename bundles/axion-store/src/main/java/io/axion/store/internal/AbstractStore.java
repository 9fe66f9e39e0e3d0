package io.axion.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.axion.api.store.Dialect;
import io.axion.api.store.Store;
import io.axion.api.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both backends share: the pool, Flyway migrations with dialect folders, and transactions. */
abstract class AbstractStore implements Store, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractStore.class);

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    AbstractStore(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public void migrate(String owner, Class<?> anchor, String location) {
        if (!owner.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Schema owner must be a lower-case identifier: " + owner);
        }
        String common = location.replaceAll("^/+|/+$", "");
        List<String> folders = List.of(common, common + "/" + dialect.migrationFolder());
        Bundle bundle = FrameworkUtil.getBundle(anchor);
        ResourceProvider scripts = bundle != null ? new BundleResourceProvider(bundle, folders)
                : new ClassPathResourceProvider(anchor.getClassLoader(), folders);
        int applied = Flyway.configure(Flyway.class.getClassLoader())
                .dataSource(dataSource)
                .table("schema_history_" + owner)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .resourceProvider(scripts)
                .load()
                .migrate()
                .migrationsExecuted;
        LOG.info("Schema {}: {} migration(s) applied ({})", owner, applied, dialect.migrationFolder());
    }

    @Override
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        return transaction(work, null);
    }

    /** Runs {@code work} in a transaction, after {@code lock} (when not null) ran first inside it. */
    <T> T transaction(SqlFunction<Connection, T> work, SqlFunction<Connection, ?> lock) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (lock != null) {
                    lock.apply(connection);
                }
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Transaction failed: " + e.getMessage(), e);
        }
    }
}
