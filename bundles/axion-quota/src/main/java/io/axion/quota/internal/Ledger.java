package io.axion.quota.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pending reservations by instance, in the shared store ({@code quota_reservations}), so that every node counts
 * them and none is lost when nodes restart. Changes are made under the governor's cluster-wide lock; reads may
 * happen any time.
 */
final class Ledger {
    /** One reservation: its figures, host, end of grace (0 while its job runs) and tenant (null: none). */
    record Hold(Placed placed, long expiresAt, String tenant) {
        boolean expired(long now) {
            return expiresAt != 0 && expiresAt <= now;
        }
    }

    private final Store store;
    private final Clock clock;

    Ledger(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The reservations in force; expired ones are dropped on the way. */
    Map<String, Placed> current() {
        long now = clock.millis();
        return store.inTransaction(c -> {
            try (PreparedStatement drop = c.prepareStatement(
                    "DELETE FROM quota_reservations WHERE expires_at <> 0 AND expires_at <= ?")) {
                drop.setLong(1, now);
                drop.executeUpdate();
            }
            Map<String, Placed> live = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT instance, host, cpu, memory_mib, disk_gib FROM quota_reservations");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    live.put(rs.getString(1), new Placed(rs.getString(2),
                            new Amounts(rs.getLong(3), rs.getLong(4), rs.getLong(5))));
                }
            }
            return live;
        });
    }

    /** @return the reservation it replaced, if any */
    Optional<Hold> put(String instance, Placed placed) {
        return put(instance, placed, null);
    }

    /** As {@link #put(String, Placed)}, counting for {@code tenant} (null: for no tenant's quota). */
    Optional<Hold> put(String instance, Placed placed, String tenant) {
        return store.inTransaction(c -> {
            Optional<Hold> before = find(c, instance);
            write(c, instance, new Hold(placed, 0, tenant));
            return before;
        });
    }

    /** The tenant of each reservation in force that counts for one. */
    Map<String, String> tenants() {
        long now = clock.millis();
        return store.inTransaction(c -> {
            Map<String, String> tenants = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT instance, tenant FROM quota_reservations "
                    + "WHERE tenant IS NOT NULL AND (expires_at = 0 OR expires_at > ?)")) {
                ps.setLong(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tenants.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return tenants;
        });
    }

    /** Undoes {@link #put}: restores the earlier reservation, or removes it. */
    void undo(String instance, Optional<Hold> previous) {
        store.inTransaction(c -> {
            if (previous.isPresent()) {
                write(c, instance, previous.get());
            } else {
                delete(c, instance);
            }
            return null;
        });
    }

    void remove(String instance) {
        store.inTransaction(c -> delete(c, instance));
    }

    /** Keeps the reservation only for {@code graceMillis} more. */
    void expireAfter(String instance, long graceMillis) {
        long until = clock.millis() + Math.max(1, graceMillis);
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE quota_reservations SET expires_at = ? WHERE instance = ? AND expires_at = 0")) {
                ps.setLong(1, until);
                ps.setString(2, instance);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Hold> find(Connection c, String instance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT host, cpu, memory_mib, disk_gib, expires_at, tenant FROM quota_reservations "
                        + "WHERE instance = ?")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                // The tenant is kept so that undoing a replacement restores the reservation whole.
                return Optional.of(new Hold(new Placed(rs.getString(1),
                        new Amounts(rs.getLong(2), rs.getLong(3), rs.getLong(4))), rs.getLong(5), rs.getString(6)));
            }
        }
    }

    private static void write(Connection c, String instance, Hold hold) throws SQLException {
        delete(c, instance);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quota_reservations "
                + "(instance, host, cpu, memory_mib, disk_gib, expires_at, tenant) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, instance);
            if (hold.placed().host() == null) {
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(2, hold.placed().host());
            }
            ps.setLong(3, hold.placed().amounts().cpu());
            ps.setLong(4, hold.placed().amounts().memoryMiB());
            ps.setLong(5, hold.placed().amounts().diskGiB());
            ps.setLong(6, hold.expiresAt());
            if (hold.tenant() == null) {
                ps.setNull(7, Types.VARCHAR);
            } else {
                ps.setString(7, hold.tenant());
            }
            ps.executeUpdate();
        }
    }

    private static int delete(Connection c, String instance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM quota_reservations WHERE instance = ?")) {
            ps.setString(1, instance);
            return ps.executeUpdate();
        }
    }
}
