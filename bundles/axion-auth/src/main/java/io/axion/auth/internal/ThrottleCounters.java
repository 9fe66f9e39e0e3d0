package io.axion.auth.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The login throttle's counters in {@code auth_throttle}, so that every node of a cluster counts the same failures
 * and a lock made on one node holds on all. Each update of a key is a read-modify-write under that key's exclusive
 * lock, so failures racing on several nodes are all counted.
 */
final class ThrottleCounters {
    private static final String COLUMNS = "failures, locks, locked_until_ms, last_failure_ms, last_lock_ms";

    /** One key's state; {@code lockedUntil} and {@code lastLock} are null until its first lock. */
    record Entry(int failures, int locks, Instant lockedUntil, Instant lastFailure, Instant lastLock) {
    }

    private final Store store;

    ThrottleCounters(Store store) {
        this.store = store;
    }

    Optional<Entry> get(String key) {
        return store.inTransaction(c -> find(c, key));
    }

    /** Replaces the key's entry (absent: null) with what {@code next} makes of it, atomically cluster-wide. */
    Entry update(String key, UnaryOperator<Entry> next) {
        return store.inExclusiveTransaction("auth-throttle:" + key, c -> {
            Entry updated = next.apply(find(c, key).orElse(null));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_throttle (throttle_key, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = "
                    + "excluded.failures, locks = excluded.locks, locked_until_ms = excluded.locked_until_ms, "
                    + "last_failure_ms = excluded.last_failure_ms, last_lock_ms = excluded.last_lock_ms")) {
                ps.setString(1, key);
                ps.setInt(2, updated.failures());
                ps.setInt(3, updated.locks());
                StoredTimes.set(ps, 4, updated.lockedUntil());
                ps.setLong(5, updated.lastFailure().toEpochMilli());
                StoredTimes.set(ps, 6, updated.lastLock());
                ps.executeUpdate();
            }
            return updated;
        });
    }

    void remove(String... keys) {
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_throttle WHERE throttle_key = ?")) {
                for (String key : keys) {
                    ps.setString(1, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    int size() {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM auth_throttle");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Forgets keys whose last failure is older than {@code quietBefore} and that are not locked at {@code now}. */
    int forgetQuiet(Instant quietBefore, Instant now) {
        return delete("last_failure_ms < ? AND (locked_until_ms IS NULL OR locked_until_ms <= ?)",
                quietBefore.toEpochMilli(), now.toEpochMilli());
    }

    /** Forgets every key that is not locked at {@code now} (when too many keys are remembered). */
    int forgetUnlocked(Instant now) {
        return delete("locked_until_ms IS NULL OR locked_until_ms <= ?", now.toEpochMilli());
    }

    private int delete(String where, long... values) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_throttle WHERE " + where)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setLong(i + 1, values[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Entry> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM auth_throttle WHERE throttle_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(rs.getInt(1), rs.getInt(2), StoredTimes.read(rs, 3),
                        Instant.ofEpochMilli(rs.getLong(4)), StoredTimes.read(rs, 5)));
            }
        }
    }
}
