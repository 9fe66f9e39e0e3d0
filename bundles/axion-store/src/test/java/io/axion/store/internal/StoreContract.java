package io.axion.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.store.Dialect;
import io.axion.api.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every backend of the store promises; one subclass per backend runs it against the real database. */
abstract class StoreContract {

    abstract AbstractStore store();

    abstract Dialect expectedDialect();

    /** A second store over the same database, as another node has. */
    abstract AbstractStore otherNode();

    @Test
    void migratesTheCommonAndTheDialectsScriptsOnceWithAHistoryPerOwner() throws SQLException {
        store().migrate("test", StoreContract.class, "db/test");
        store().migrate("test", StoreContract.class, "db/test");
        assertThat(store().dialect()).isEqualTo(expectedDialect());
        try (Connection c = store().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO thing(name, colour) VALUES ('a', 'red')");
            s.executeUpdate("INSERT INTO thing(name) VALUES ('b')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_history_test WHERE success = "
                    + (expectedDialect() == Dialect.POSTGRESQL ? "true" : "1") + " AND version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void rollsBackATransactionThatThrows() {
        store().migrate("test", StoreContract.class, "db/test");
        assertThatThrownBy(() -> store().inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO thing(name) VALUES ('x')");
            return c.createStatement().executeUpdate("INSERT INTO thing(name) VALUES ('x')");
        })).isInstanceOf(StoreException.class);
        assertThat(count("SELECT count(*) FROM thing WHERE name = 'x'")).isZero();
    }

    @Test
    void exclusiveTransactionsOfTwoNodesNeverInterleave() throws Exception {
        store().migrate("test", StoreContract.class, "db/test");
        store().inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO counter (id, n) VALUES (1, 0)"));
        AbstractStore other = otherNode();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AbstractStore node = t % 2 == 0 ? store() : other;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        node.inExclusiveTransaction("counter", c -> {
                            long n;
                            try (ResultSet rs = c.createStatement().executeQuery("SELECT n FROM counter WHERE id = 1")) {
                                rs.next();
                                n = rs.getLong(1);
                            }
                            try (PreparedStatement write = c.prepareStatement("UPDATE counter SET n = ? WHERE id = 1")) {
                                write.setLong(1, n + 1);
                                return write.executeUpdate();
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
            other.close();
        }
        assertThat(count("SELECT n FROM counter WHERE id = 1")).isEqualTo(200);
    }

    @Test
    void refusesAnOwnerThatIsNotAnIdentifier() {
        assertThatThrownBy(() -> store().migrate("x; drop", StoreContract.class, "db/test"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    long count(String sql) {
        return store().inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
