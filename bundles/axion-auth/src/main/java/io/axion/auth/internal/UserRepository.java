package io.axion.auth.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code auth_user}. Every method takes the connection of a transaction the caller holds. */
final class UserRepository {
    private static final String COLUMNS =
            "username, user_id, password_hash, role, token_generation, created_at_ms, password_changed_ms";

    private final Store store;

    UserRepository(Store store) {
        this.store = store;
    }

    Store store() {
        return store;
    }

    List<UserRecord> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth_user ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            List<UserRecord> users = new ArrayList<>();
            while (rs.next()) {
                users.add(read(rs));
            }
            return users;
        }
    }

    Optional<UserRecord> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    int count(Connection c, String role) throws SQLException {
        String sql = role == null ? "SELECT count(*) FROM auth_user" : "SELECT count(*) FROM auth_user WHERE role = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (role != null) {
                ps.setString(1, role);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void insert(Connection c, UserRecord user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_user (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, user.username());
            ps.setString(2, user.userId());
            ps.setString(3, user.passwordHash());
            ps.setString(4, user.role());
            ps.setLong(5, user.tokenGeneration());
            ps.setLong(6, user.createdAt().toEpochMilli());
            ps.setLong(7, user.passwordChangedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    boolean delete(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_user WHERE username = ?")) {
            ps.setString(1, username);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets a new password's hash and moves to the next token generation, which revokes every earlier token. */
    void updatePassword(Connection c, String username, String hash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE auth_user SET password_hash = ?, "
                + "password_changed_ms = ?, token_generation = token_generation + 1 WHERE username = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, username);
            ps.executeUpdate();
        }
    }

    /** Replaces the hash of the same password (stronger parameters); tokens stay valid. */
    void updateHash(Connection c, String username, String oldHash, String newHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE auth_user SET password_hash = ? WHERE username = ? AND password_hash = ?")) {
            ps.setString(1, newHash);
            ps.setString(2, username);
            ps.setString(3, oldHash);
            ps.executeUpdate();
        }
    }

    private static UserRecord read(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)));
    }
}
