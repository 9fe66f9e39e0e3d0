package io.axion.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.store.StoreException;
import io.axion.store.internal.SqliteStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {
    @TempDir
    Path dir;
    SqliteStore store;
    GroupCommitWriter writer;

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("w.db"));
        store.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (v INTEGER PRIMARY KEY)"));
        writer = new GroupCommitWriter(store.dataSource(), "test-writer");
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
    }

    @Test
    void aFailingWriteFailsAloneAndTheOthersCommitInOrder() {
        List<Integer> committed = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int v : new int[] {1, 2, 1, 3}) { // the second 1 breaks the primary key
            futures.add(writer.submit(tx -> insert(tx, v), committed::add));
        }
        futures.forEach(f -> f.exceptionally(e -> null).join());

        assertThat(futures.get(0).join()).isEqualTo(1);
        assertThat(futures.get(1).join()).isEqualTo(2);
        assertThatThrownBy(() -> futures.get(2).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(futures.get(3).join()).isEqualTo(3);
        assertThat(committed).containsExactly(1, 2, 3);
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void batchesConcurrentWrites() throws Exception {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int v = 0; v < 2_000; v++) {
            int value = v;
            futures.add(writer.submit(tx -> insert(tx, value)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        assertThat(count()).isEqualTo(2_000);
        long[] counters = writer.counters();
        assertThat(counters[1]).isEqualTo(2_000);
        assertThat(counters[0]).isLessThan(2_000);
    }

    @Test
    void refusesWritesOnceClosed() {
        writer.close();
        assertThatThrownBy(() -> writer.submit(tx -> 1).join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    private static int insert(GroupCommitWriter.Tx tx, int v) throws java.sql.SQLException {
        PreparedStatement insert = tx.prepare("INSERT INTO t (v) VALUES (?)");
        insert.setInt(1, v);
        insert.executeUpdate();
        return v;
    }

    private int count() {
        return store.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
