package io.axion.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.axion.api.AxionConstants;
import io.axion.api.AxionPaths;
import io.axion.api.store.Store;
import io.axion.api.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SQLite in WAL mode behind a small connection pool; schema changes go through Flyway, one history per owner. */
@Component(service = Store.class, configurationPid = AxionConstants.PID_STORE,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfig.class)
public class SqliteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    private HikariDataSource dataSource;

    public SqliteStore() {
    }

    /** For tests and tools outside OSGi. */
    public SqliteStore(Path file) {
        open(file, 10_000, "FULL", 4);
    }

    @Activate
    void activate(StoreConfig config) {
        Path file = config.path().isBlank() ? AxionPaths.dataDir().resolve("axion.db") : Path.of(config.path());
        open(file, config.busyTimeoutMs(), config.synchronous(), config.poolSize());
    }

    private void open(Path file, int busyTimeoutMs, String synchronous, int poolSize) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            restrictToOwner(file);
        } catch (IOException e) {
            throw new StoreException("Cannot create the folder of " + file, e);
        }
        dataSource = SqliteDataSources.open(file, busyTimeoutMs, synchronous, poolSize);
        LOG.info("Store open at {} (WAL, synchronous={})", file.toAbsolutePath(), synchronous);
    }

    /**
     * The store holds password hashes and the audit trail: only Axion's own user may read it. SQLite creates the
     * WAL and shared-memory files with the database file's permissions, so the database file is the one to set.
     */
    private static void restrictToOwner(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path part = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(part) && !Files.getPosixFilePermissions(part).equals(ownerOnly)) {
                Files.setPosixFilePermissions(part, ownerOnly);
            }
        }
    }

    @Deactivate
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String owner, Class<?> anchor, String location) {
        if (!owner.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Schema owner must be a lower-case identifier: " + owner);
        }
        FluentConfiguration flyway = Flyway.configure(Flyway.class.getClassLoader())
                .dataSource(dataSource)
                .table("schema_history_" + owner)
                .baselineOnMigrate(true)
                .baselineVersion("0");
        Bundle bundle = FrameworkUtil.getBundle(anchor);
        if (bundle != null) {
            flyway.resourceProvider(new BundleResourceProvider(bundle, location));
        } else {
            flyway = Flyway.configure(anchor.getClassLoader())
                    .dataSource(dataSource)
                    .table("schema_history_" + owner)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .locations("classpath:" + location);
        }
        int applied = flyway.load().migrate().migrationsExecuted;
        LOG.info("Schema {}: {} migration(s) applied", owner, applied);
    }

    @Override
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
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
