package io.axion.backup.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of {@code backups} and {@code backup_schedules}. */
final class BackupRepository {
    private static final String COLUMNS = "id, instance, host, target, state, location, sha256, size_bytes, "
            + "scheduled, created_at";

    private final Store store;

    BackupRepository(Store store) {
        this.store = store;
        store.migrate("backup", BackupRepository.class, "db/backup");
    }

    /** Idempotent: two nodes (or a rerun) inserting the same scheduled backup make one row. */
    void insert(BackupRecord b) {
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO backups (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, b.id());
                ps.setString(2, b.instance());
                ps.setString(3, b.host());
                ps.setString(4, b.target());
                ps.setString(5, b.state());
                ps.setString(6, b.location());
                ps.setString(7, b.sha256());
                ps.setLong(8, b.sizeBytes());
                ps.setInt(9, b.scheduled() ? 1 : 0);
                ps.setLong(10, b.createdAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Marks a pending backup good; false when it is not pending any more (deleted, or done by an earlier run). */
    boolean markGood(String id, String location, String sha256, long size) {
        return update("UPDATE backups SET state = ?, location = ?, sha256 = ?, size_bytes = ? "
                        + "WHERE id = ? AND state = ?",
                BackupRecord.GOOD, location, sha256, size, id, BackupRecord.PENDING) == 1;
    }

    boolean markFailed(String id) {
        return update("UPDATE backups SET state = ? WHERE id = ? AND state = ?", BackupRecord.FAILED, id,
                BackupRecord.PENDING) == 1;
    }

    boolean delete(String id) {
        return update("DELETE FROM backups WHERE id = ?", id) == 1;
    }

    Optional<BackupRecord> find(String id) {
        List<BackupRecord> found = query("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Newest first; {@code instance} null for all. */
    List<BackupRecord> list(String instance) {
        return instance == null ? query("ORDER BY created_at DESC, id") :
                query("WHERE instance = ? ORDER BY created_at DESC, id", instance);
    }

    List<BackupRecord> inState(String state) {
        return query("WHERE state = ? ORDER BY created_at", state);
    }

    Optional<String> schedule(String instance) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM backup_schedules WHERE instance = ?")) {
                ps.setString(1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    void saveSchedule(String instance, String body, Instant at) {
        update("INSERT INTO backup_schedules (instance, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (instance) "
                + "DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                instance, body, at.toEpochMilli());
    }

    /** A stored schedule: its JSON body and when it was last saved. */
    record ScheduleRow(String instance, String body, Instant updatedAt) {
    }

    List<ScheduleRow> schedules() {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT instance, body, updated_at FROM backup_schedules ORDER BY instance");
                 ResultSet rs = ps.executeQuery()) {
                List<ScheduleRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new ScheduleRow(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
                return rows;
            }
        });
    }

    private List<BackupRecord> query(String where, Object... args) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT " + COLUMNS + " FROM backups " + where, args);
                 ResultSet rs = ps.executeQuery()) {
                List<BackupRecord> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new BackupRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getInt(9) == 1,
                            Instant.ofEpochMilli(rs.getLong(10))));
                }
                return rows;
            }
        });
    }

    private int update(String sql, Object... args) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, args)) {
                return ps.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
