package io.axion.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Builds the pooled SQLite data source with the pragmas Axion relies on. */
final class SqliteDataSources {

    private SqliteDataSources() {
    }

    static HikariDataSource open(Path file, int busyTimeoutMs, String synchronous, int poolSize) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.toUpperCase()));
        sqlite.setBusyTimeout(busyTimeoutMs);
        sqlite.enforceForeignKeys(true);
        // Writers take the lock at BEGIN, so two writers queue on busy_timeout instead of failing at COMMIT.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);

        SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
        sqliteSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqliteSource);
        pool.setPoolName("axion-store");
        pool.setMaximumPoolSize(Math.max(1, poolSize));
        pool.setMinimumIdle(1);
        pool.setAutoCommit(true);
        return new HikariDataSource(pool);
    }
}
