package io.axion.jobs.internal;

import io.axion.api.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write of the engine goes through one thread that commits whatever queued up meanwhile in one transaction
 * (group commit). With {@code synchronous=FULL} each commit costs an fsync; batching concurrent enqueues and state
 * changes makes enqueue durable and still fast. A caller's future completes only after its batch committed, and
 * the after-commit actions run in submission order on the writer thread, before the futures complete.
 * <p>
 * When one write of a batch fails, the batch is rolled back and its writes are redone one transaction each, so
 * that only the failing write fails (writes must therefore be safe to run again after a rollback: they are SQL).
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 1_000;
    private static final Pending<Void> STOP = new Pending<>(tx -> null, null, new CompletableFuture<>());

    @FunctionalInterface
    interface Write<T> {
        T apply(Tx tx) throws SQLException;
    }

    /** The open transaction of one batch; statements prepared in it are reused by the batch's other writes. */
    static final class Tx {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        private Tx(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            } else {
                statement.clearParameters();
            }
            return statement;
        }

        private void closeStatements() {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    LOG.debug("Closing a statement failed", e);
                }
            }
        }
    }

    private record Pending<T>(Write<T> write, Consumer<? super T> afterCommit, CompletableFuture<T> done) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long batches;
    private volatile long writes;

    GroupCommitWriter(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a write; the future completes after the commit, or fails with the write's or the commit's error. */
    <T> CompletableFuture<T> submit(Write<T> write, Consumer<? super T> afterCommit) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("The job store writer is closed"));
            return done;
        }
        queue.add(new Pending<>(write, afterCommit, done));
        return done;
    }

    <T> CompletableFuture<T> submit(Write<T> write) {
        return submit(write, null);
    }

    /** Commits what is queued, then stops the thread. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Batches committed and writes done so far (for the benchmark). */
    long[] counters() {
        return new long[] {batches, writes};
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                LOG.warn("Job store writer interrupted; {} write(s) left unwritten", queue.size());
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.removeIf(pending -> pending == STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
        // Writes that raced with close(): refuse them rather than leave their callers waiting.
        for (Pending<?> late; (late = queue.poll()) != null; ) {
            late.done().completeExceptionally(new IllegalStateException("The job store writer is closed"));
        }
    }

    private void commit(List<Pending<?>> batch) {
        Object[] results = new Object[batch.size()];
        Exception[] errors = new Exception[batch.size()];
        try {
            run(batch, 0, batch.size(), results);
        } catch (SQLException | RuntimeException batchFailure) {
            if (batch.size() == 1) {
                errors[0] = batchFailure;
            } else {
                // Some write failed and took its batch down: redo each alone, so that only the culprit fails.
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        run(batch, i, i + 1, results);
                    } catch (SQLException | RuntimeException e) {
                        errors[i] = e;
                    }
                }
            }
        }
        batches++;
        writes += batch.size();
        for (int i = 0; i < batch.size(); i++) {
            finish(batch.get(i), results[i], errors[i]);
        }
    }

    /** Runs writes {@code from} to {@code to} (exclusive) in one transaction; rolled back whole when one fails. */
    private void run(List<Pending<?>> batch, int from, int to, Object[] results) throws SQLException {
        // A JDBC transaction on either store: SQLite's data source begins IMMEDIATE ones (the writer lock at once).
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Tx tx = new Tx(connection);
            try {
                for (int i = from; i < to; i++) {
                    results[i] = batch.get(i).write().apply(tx);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                if (to - from > 1) {
                    LOG.debug("A batch of {} writes failed; retrying them one by one", to - from, e);
                } else {
                    LOG.warn("A job store write failed: {}", e.getMessage());
                    LOG.debug("Job store write failure", e);
                }
                throw e;
            } finally {
                tx.closeStatements();
                connection.setAutoCommit(true);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void finish(Pending<T> pending, Object result, Exception error) {
        if (error != null) {
            pending.done().completeExceptionally(error instanceof SQLException
                    ? new StoreException("Job store write failed: " + error.getMessage(), error) : error);
            return;
        }
        // (Reached only after a commit: the writes of a batch either all committed or were redone one by one.)
        T value = (T) result;
        if (pending.afterCommit() != null) {
            try {
                pending.afterCommit().accept(value);
            } catch (RuntimeException e) {
                LOG.error("After-commit action failed", e);
            }
        }
        pending.done().complete(value);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed batch failed too", e);
        }
    }
}
