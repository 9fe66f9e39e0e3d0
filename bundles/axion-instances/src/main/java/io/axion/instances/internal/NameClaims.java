package io.axion.instances.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Names being created, claimed in the shared store ({@code instance_names}) so that two creates of one name, on one
 * node or two, cannot both be accepted: the loser gets 409 before any job exists. A claim lives while its create
 * job runs; after success it lingers for a grace period, so nodes whose view has not caught up yet still refuse
 * the name. Each change is one statement whose condition makes it atomic on SQLite and PostgreSQL alike.
 */
final class NameClaims {
    private final Store store;
    private final Clock clock;

    NameClaims(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.migrate("instances", NameClaims.class, "db/instances");
    }

    /** @return whether {@code owner} now holds the name */
    boolean claim(String name, String owner) {
        long now = clock.millis();
        return store.inTransaction(c -> {
            update(c, "DELETE FROM instance_names WHERE name = ? AND expires_at <> 0 AND expires_at <= ?", name, now);
            update(c, "INSERT INTO instance_names (name, owner, expires_at) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                    name, owner);
            return owner.equals(holder(c, name, now));
        });
    }

    boolean claimed(String name) {
        return store.inTransaction(c -> holder(c, name, clock.millis()) != null);
    }

    /** Hands a claim to a new owner (the request's token to its job's id, which survives a restart). */
    void transfer(String name, String from, String to) {
        store.inTransaction(c -> update(c, "UPDATE instance_names SET owner = ? WHERE name = ? AND owner = ? "
                + "AND expires_at = 0", to, name, from));
    }

    /** The create succeeded: keep the claim for {@code graceMillis} more. */
    void settle(String name, String owner, long graceMillis) {
        long until = clock.millis() + Math.max(1, graceMillis);
        store.inTransaction(c -> update(c, "UPDATE instance_names SET expires_at = ? WHERE name = ? AND owner = ? "
                + "AND expires_at = 0", until, name, owner));
    }

    /** The create failed or never was queued: the name is free again. */
    void release(String name, String owner) {
        store.inTransaction(c -> update(c, "DELETE FROM instance_names WHERE name = ? AND owner = ? "
                + "AND expires_at = 0", name, owner));
    }

    private static String holder(Connection c, String name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner FROM instance_names WHERE name = ? AND (expires_at = 0 OR expires_at > ?)")) {
            ps.setString(1, name);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }
}
