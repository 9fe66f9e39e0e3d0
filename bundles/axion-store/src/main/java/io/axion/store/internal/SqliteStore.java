package io.axion.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.axion.api.store.Dialect;
import io.axion.api.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded backend: one SQLite file in WAL mode behind a small connection pool. */
public final class SqliteStore extends AbstractStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    /** For tests and tools outside OSGi. */
    public SqliteStore(Path file) {
        this(file, 10_000, "FULL", 4);
    }

    SqliteStore(Path file, int busyTimeoutMs, String synchronous, int poolSize) {
        super(open(file, busyTimeoutMs, synchronous, poolSize), Dialect.SQLITE);
    }

    private static HikariDataSource open(Path file, int busyTimeoutMs, String synchronous, int poolSize) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            restrictToOwner(file);
        } catch (IOException e) {
            throw new StoreException("Cannot create the folder of " + file, e);
        }
        HikariDataSource dataSource = SqliteDataSources.open(file, busyTimeoutMs, synchronous, poolSize);
        LOG.info("Store open at {} (SQLite, WAL, synchronous={})", file.toAbsolutePath(), synchronous);
        return dataSource;
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

    /**
     * SQLite has one writer at a time, and the pool's connections begin their transactions IMMEDIATE, taking the
     * write lock at once: every transaction is already exclusive of the others, whatever its lock name.
     */
    @Override
    public <T> T inExclusiveTransaction(String lockName, SqlFunction<Connection, T> work) {
        return inTransaction(work);
    }
}
