package io.axion.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.axion.api.store.Dialect;
import io.axion.api.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shared backend: a PostgreSQL database that every node of a cluster uses, behind a connection pool. */
public final class PostgresStore extends AbstractStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    static final String URL_PREFIX = "jdbc:postgresql:";

    /** For tests and tools outside OSGi. */
    public PostgresStore(String url, String user, String password) {
        this(url, user, password, 4);
    }

    PostgresStore(String url, String user, String password, int poolSize) {
        super(open(url, user, password, poolSize), Dialect.POSTGRESQL);
    }

    private static HikariDataSource open(String url, String user, String password, int poolSize) {
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("The store's URL must start with " + URL_PREFIX + " (empty for the "
                    + "embedded SQLite): " + redacted(url));
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        postgres.setUser(user);
        postgres.setPassword(password);
        postgres.setApplicationName("axion");

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(postgres);
        pool.setPoolName("axion-store");
        pool.setMaximumPoolSize(Math.max(1, poolSize));
        pool.setMinimumIdle(1);
        pool.setAutoCommit(true);
        try {
            HikariDataSource dataSource = new HikariDataSource(pool);
            LOG.info("Store open at {} as {} (PostgreSQL)", redacted(url), user);
            return dataSource;
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException("Cannot connect to PostgreSQL at " + redacted(url) + " as " + user + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** Holds a transaction-scoped advisory lock on the name's hash: released by the commit or rollback itself. */
    @Override
    public <T> T inExclusiveTransaction(String lockName, SqlFunction<Connection, T> work) {
        long key = lockKey(lockName);
        return transaction(work, connection -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, key);
                lock.execute();
            }
            return null;
        });
    }

    /** A 64-bit key for the name: the first bytes of its SHA-256, so that keys of different names hardly meet. */
    static long lockKey(String lockName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lockName.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The URL as it may be logged: a password given as a URL parameter is masked. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
