package io.axion.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobCount;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobState;
import io.axion.api.store.Dialect;
import io.axion.jobs.internal.GroupCommitWriter.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code jobs} table. Writes take the writer's open transaction ({@link Tx}); reads take any
 * connection (WAL: readers never wait for the writer). Times are stored as epoch milliseconds.
 */
final class JobRepository {
    private static final String COLUMNS = "seq, id, type, instance, payload, state, attempts, max_attempts, "
            + "next_run_at, lease_expires_at, lease_owner, error, created_at, started_at, finished_at, node, idempotency_key, "
            + "host";
    /** Handlers may log freely, but a job's log stops growing from their lines past this size. */
    static final int MAX_HANDLER_LOG_CHARS = 64 * 1024;

    private final PayloadCodec payloads;
    private final boolean skipLocked;

    JobRepository(PayloadCodec payloads) {
        this(payloads, Dialect.SQLITE);
    }

    /**
     * @param dialect the store's: on PostgreSQL a claim first takes its row with {@code FOR UPDATE SKIP LOCKED}, so
     *                that engines of several nodes never queue behind each other's claims (SQLite has one writer)
     */
    JobRepository(PayloadCodec payloads, Dialect dialect) {
        this.payloads = payloads;
        this.skipLocked = dialect == Dialect.POSTGRESQL;
    }

    /** A job as the engine keeps it in memory: its row order, and until when a foreign worker's lease holds it. */
    record Row(long seq, Job job, long leaseExpiresAt, String leaseOwner, boolean readBack) {
        Row(long seq, Job job, long leaseExpiresAt) {
            this(seq, job, leaseExpiresAt, null, false);
        }

        /**
         * The same job, read back from the store rather than enqueued here: its claim must commit before its
         * handler runs, since another engine may have run or be running it.
         */
        Row asReadBack() {
            return new Row(seq, job, leaseExpiresAt, leaseOwner, true);
        }
    }

    record Inserted(Row row, boolean created) {
    }

    Inserted insert(Tx tx, Job job, String payloadJson) throws SQLException {
        if (job.idempotencyKey() != null) {
            PreparedStatement existing = tx.prepare("SELECT " + COLUMNS + " FROM jobs WHERE idempotency_key = ?");
            existing.setString(1, job.idempotencyKey());
            try (ResultSet rs = existing.executeQuery()) {
                if (rs.next()) {
                    return new Inserted(row(rs), false);
                }
            }
        }
        PreparedStatement insert = tx.prepare("INSERT INTO jobs (id, type, instance, payload, state, attempts, "
                + "max_attempts, next_run_at, created_at, node, idempotency_key, host) "
                + "VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?) RETURNING seq");
        insert.setString(1, job.id());
        insert.setString(2, job.type());
        insert.setString(3, job.instance());
        insert.setString(4, payloadJson);
        insert.setInt(5, job.maxAttempts());
        insert.setLong(6, job.nextRunAt().toEpochMilli());
        insert.setLong(7, job.createdAt().toEpochMilli());
        insert.setString(8, job.node());
        insert.setString(9, job.idempotencyKey());
        insert.setString(10, job.host());
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            return new Inserted(new Row(rs.getLong(1), job, 0), true);
        }
    }

    /** PENDING → IN_PROGRESS under this engine's lease; false when the row is no longer pending. */
    boolean claim(Tx tx, long seq, String leaseOwner, long leaseExpiresAt, Instant now, String node,
                  String logLine) throws SQLException {
        if (skipLocked) {
            // The row lease: whoever holds the row now (another node claiming it) wins, and this claim gives up.
            PreparedStatement lock = tx.prepare("SELECT seq FROM jobs WHERE seq = ? AND (state = 'PENDING' "
                    + "OR lease_owner = ?) FOR UPDATE SKIP LOCKED");
            lock.setLong(1, seq);
            lock.setString(2, leaseOwner);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        PreparedStatement claim = tx.prepare("UPDATE jobs SET state = 'IN_PROGRESS', attempts = attempts + 1, "
                + "lease_owner = ?, lease_expires_at = ?, started_at = COALESCE(started_at, ?), node = ?, "
                + "log = log || ? WHERE seq = ? AND (state = 'PENDING' OR lease_owner = ?)");
        claim.setString(1, leaseOwner);
        claim.setLong(2, leaseExpiresAt);
        claim.setLong(3, now.toEpochMilli());
        claim.setString(4, node);
        claim.setString(5, logLine);
        claim.setLong(6, seq);
        claim.setString(7, leaseOwner);
        return claim.executeUpdate() == 1;
    }

    /** Ends an attempt: the job's new state, error and next run, and the attempt's log lines. */
    boolean finishAttempt(Tx tx, long seq, String leaseOwner, Job after, String logLines) throws SQLException {
        PreparedStatement finish = tx.prepare("UPDATE jobs SET state = ?, error = ?, finished_at = ?, "
                + "next_run_at = ?, lease_owner = NULL, lease_expires_at = NULL, log = log || ? "
                + "WHERE seq = ? AND lease_owner = ?");
        finish.setString(1, after.state().name());
        finish.setString(2, after.error());
        setTime(finish, 3, after.finishedAt());
        finish.setLong(4, after.nextRunAt().toEpochMilli());
        finish.setString(5, logLines);
        finish.setLong(6, seq);
        finish.setString(7, leaseOwner);
        return finish.executeUpdate() == 1;
    }

    void renewLease(Tx tx, long seq, String leaseOwner, long leaseExpiresAt) throws SQLException {
        PreparedStatement renew = tx.prepare("UPDATE jobs SET lease_expires_at = ? WHERE seq = ? AND lease_owner = ?");
        renew.setLong(1, leaseExpiresAt);
        renew.setLong(2, seq);
        renew.setString(3, leaseOwner);
        renew.executeUpdate();
    }

    /** Appends a handler's line, unless the log is already long. */
    void appendHandlerLog(Tx tx, long seq, String line) throws SQLException {
        PreparedStatement append = tx.prepare("UPDATE jobs SET log = log || ? WHERE seq = ? AND length(log) < ?");
        append.setString(1, line);
        append.setLong(2, seq);
        append.setInt(3, MAX_HANDLER_LOG_CHARS);
        append.executeUpdate();
    }

    /**
     * IN_PROGRESS jobs leased by any engine but this one (which keeps renewing its own): those whose worker may be
     * gone. The engine decides which are (the lease ran out, the lessee left the cluster, or was an earlier run of
     * this very node).
     */
    List<Row> leasedElsewhere(Tx tx, String ownLeaseOwner) throws SQLException {
        PreparedStatement query = tx.prepare("SELECT " + COLUMNS + " FROM jobs WHERE state = 'IN_PROGRESS' "
                + "AND (lease_owner IS NULL OR lease_owner <> ?) ORDER BY seq");
        query.setString(1, ownLeaseOwner);
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    /** Puts a job whose worker was lost back in the queue (or gives it up); same columns as an attempt's end. */
    void recover(Tx tx, long seq, Job after, String logLines) throws SQLException {
        PreparedStatement recover = tx.prepare("UPDATE jobs SET state = ?, error = ?, finished_at = ?, "
                + "next_run_at = ?, lease_owner = NULL, lease_expires_at = NULL, log = log || ? "
                + "WHERE seq = ? AND state = 'IN_PROGRESS'");
        recover.setString(1, after.state().name());
        recover.setString(2, after.error());
        setTime(recover, 3, after.finishedAt());
        recover.setLong(4, after.nextRunAt().toEpochMilli());
        recover.setString(5, logLines);
        recover.setLong(6, seq);
        recover.executeUpdate();
    }

    int pruneFinishedBefore(Tx tx, Instant cutoff) throws SQLException {
        PreparedStatement prune = tx.prepare("DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?");
        prune.setLong(1, cutoff.toEpochMilli());
        return prune.executeUpdate();
    }

    /**
     * The unfinished jobs of the given hosts (and, when asked, those that name no host), in queue order: what an
     * engine that runs those hosts has to run.
     */
    List<Row> unfinishedOf(Connection connection, Collection<String> hosts, boolean hostless) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE state IN ('PENDING', "
                + "'IN_PROGRESS') AND (");
        sql.append(hostless ? "host IS NULL" : "1 = 0");
        if (!hosts.isEmpty()) {
            sql.append(" OR host IN (").append(String.join(", ", java.util.Collections.nCopies(hosts.size(), "?")))
                    .append(")");
        }
        sql.append(") ORDER BY seq");
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (String host : hosts) {
                query.setString(index++, host);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    /** One job as the engine keeps it (for a job another node announced). */
    Optional<Row> findRow(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    Optional<Job> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + ", log FROM jobs WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Job job = row(rs).job();
                List<String> log = logLines(rs.getString("log"));
                return Optional.of(new Job(job.id(), job.type(), job.instance(), job.state(), job.attempts(),
                        job.maxAttempts(), job.error(), job.createdAt(), job.startedAt(), job.finishedAt(),
                        job.nextRunAt(), job.node(), job.idempotencyKey(), job.payload(), log, job.host()));
            }
        }
    }

    List<JobCount> counts(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT type, state, COUNT(*) AS n FROM jobs GROUP BY type, state ORDER BY type, state")) {
            List<JobCount> counts = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.add(new JobCount(rs.getString("type"), JobState.valueOf(rs.getString("state")),
                            rs.getLong("n")));
                }
            }
            return counts;
        }
    }

    List<Job> list(Connection connection, JobFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE 1 = 1");
        if (filter.instance() != null) {
            sql.append(" AND instance = ?");
        }
        if (filter.state() != null) {
            sql.append(" AND state = ?");
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (filter.instance() != null) {
                query.setString(index++, filter.instance());
            }
            if (filter.state() != null) {
                query.setString(index++, filter.state().name());
            }
            query.setInt(index, filter.limit());
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    jobs.add(row(rs).job());
                }
            }
            return jobs;
        }
    }

    private Row row(ResultSet rs) throws SQLException {
        Job job = new Job(rs.getString("id"), rs.getString("type"), rs.getString("instance"),
                JobState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                rs.getString("error"), time(rs, "created_at"), time(rs, "started_at"), time(rs, "finished_at"),
                time(rs, "next_run_at"), rs.getString("node"), rs.getString("idempotency_key"),
                payloads.read(rs.getString("payload")), List.of(), rs.getString("host"));
        long lease = rs.getLong("lease_expires_at");
        return new Row(rs.getLong("seq"), job, rs.wasNull() ? 0 : lease, rs.getString("lease_owner"), false);
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, time.toEpochMilli());
        }
    }

    private static List<String> logLines(String log) {
        return log == null || log.isEmpty() ? List.of() : Arrays.asList(log.split("\n"));
    }
}
