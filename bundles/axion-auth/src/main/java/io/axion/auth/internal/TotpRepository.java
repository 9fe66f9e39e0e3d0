package io.axion.auth.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL for {@code auth_totp} and {@code auth_totp_recovery}. The checks that must hold once cluster-wide (a time step
 * used once, a recovery code used once, a confirmation of the very secret that was checked) are single conditional
 * statements, atomic on SQLite and PostgreSQL alike: whoever changes the row wins, everyone else is refused.
 */
final class TotpRepository {
    /** A user's second factor as stored; {@code enabledAt} null while pending, {@code lastStep} null before any use. */
    record Row(String userId, String username, String secret, Instant createdAt, Instant enabledAt, Long lastStep) {
        boolean enabled() {
            return enabledAt != null;
        }
    }

    private final Store store;

    TotpRepository(Store store) {
        this.store = store;
    }

    Optional<Row> find(String userId) {
        return store.inTransaction(c -> find(c, userId));
    }

    /** The accounts whose TOTP is on. */
    Set<String> enabledUserIds() {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_id FROM auth_totp WHERE enabled_at_ms IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                Set<String> ids = new HashSet<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        });
    }

    /** Starts (or starts again) a pending enrolment; refused (false) when the user's TOTP is already on. */
    boolean savePending(String userId, String username, String secret, Instant at) {
        return store.inExclusiveTransaction(lock(userId), c -> {
            Optional<Row> existing = find(c, userId);
            if (existing.isPresent() && existing.get().enabled()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_totp (user_id, username, secret, "
                    + "created_at_ms, enabled_at_ms, last_step) VALUES (?, ?, ?, ?, NULL, NULL) ON CONFLICT (user_id) "
                    + "DO UPDATE SET username = excluded.username, secret = excluded.secret, "
                    + "created_at_ms = excluded.created_at_ms, enabled_at_ms = NULL, last_step = NULL")) {
                ps.setString(1, userId);
                ps.setString(2, username);
                ps.setString(3, secret);
                ps.setLong(4, at.toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Turns on the pending enrolment of exactly {@code secret} (not one started again meanwhile), remembering the
     * step its confirming code was for, and stores the recovery codes' hashes; false when that pending enrolment is
     * gone.
     */
    boolean enable(String userId, String secret, long step, List<String> recoveryHashes, Instant at) {
        return store.inExclusiveTransaction(lock(userId), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auth_totp SET enabled_at_ms = ?, last_step = ? "
                    + "WHERE user_id = ? AND secret = ? AND enabled_at_ms IS NULL")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, step);
                ps.setString(3, userId);
                ps.setString(4, secret);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            deleteRecovery(c, userId);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auth_totp_recovery (user_id, code_hash) VALUES (?, ?)")) {
                for (String hash : recoveryHashes) {
                    ps.setString(1, userId);
                    ps.setString(2, hash);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** Records that a code of {@code step} was used; false when that step or a later one was used already. */
    boolean useStep(String userId, long step) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auth_totp SET last_step = ? WHERE user_id = ? "
                    + "AND enabled_at_ms IS NOT NULL AND (last_step IS NULL OR last_step < ?)")) {
                ps.setLong(1, step);
                ps.setString(2, userId);
                ps.setLong(3, step);
                return ps.executeUpdate() == 1;
            }
        });
    }

    List<String> recoveryHashes(String userId) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT code_hash FROM auth_totp_recovery WHERE user_id = ? ORDER BY code_hash")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> hashes = new ArrayList<>();
                    while (rs.next()) {
                        hashes.add(rs.getString(1));
                    }
                    return hashes;
                }
            }
        });
    }

    /** Uses up a recovery code; false when another request used it first. */
    boolean useRecovery(String userId, String hash) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM auth_totp_recovery WHERE user_id = ? AND code_hash = ?")) {
                ps.setString(1, userId);
                ps.setString(2, hash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Turns TOTP off (pending or on) and forgets the recovery codes; false when there was nothing. */
    boolean delete(String userId) {
        return store.inExclusiveTransaction(lock(userId), c -> delete(c, userId));
    }

    /** As {@link #delete(String)}, inside the caller's transaction (a user being deleted). */
    static boolean delete(Connection c, String userId) throws SQLException {
        deleteRecovery(c, userId);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_totp WHERE user_id = ?")) {
            ps.setString(1, userId);
            return ps.executeUpdate() == 1;
        }
    }

    private static void deleteRecovery(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_totp_recovery WHERE user_id = ?")) {
            ps.setString(1, userId);
            ps.executeUpdate();
        }
    }

    private static Optional<Row> find(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, username, secret, created_at_ms, "
                + "enabled_at_ms, last_step FROM auth_totp WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long last = rs.getLong(6);
                Long lastStep = rs.wasNull() ? null : last;
                return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), StoredTimes.read(rs, 5), lastStep));
            }
        }
    }

    private static String lock(String userId) {
        return "auth-totp:" + userId;
    }
}
