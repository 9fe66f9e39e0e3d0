package io.axion.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.store.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("axion.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    AbstractStore store() {
        return store;
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.SQLITE;
    }

    @Override
    AbstractStore otherNode() {
        return new SqliteStore(dir.resolve("axion.db"));
    }

    @Test
    void opensInWalModeWithForeignKeys() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(scalar(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(scalar(s, "PRAGMA foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(scalar(s, "PRAGMA busy_timeout"))).isPositive();
        }
    }

    @Test
    void onlyTheOwnerCanReadTheDatabaseAndItsWal() throws Exception {
        store.migrate("test", SqliteStoreTest.class, "db/test");
        store.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO thing(name) VALUES ('secret')"));
        for (String name : new String[] {"axion.db", "axion.db-wal", "axion.db-shm"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void aDatabaseLeftReadableByOthersIsTightenedOnOpen() throws Exception {
        store.close();
        Files.setPosixFilePermissions(dir.resolve("axion.db"), PosixFilePermissions.fromString("rw-r--r--"));
        store = new SqliteStore(dir.resolve("axion.db"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("axion.db"))))
                .isEqualTo("rw-------");
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
