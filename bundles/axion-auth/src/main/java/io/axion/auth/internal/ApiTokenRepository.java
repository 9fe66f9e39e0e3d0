package io.axion.auth.internal;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for {@code auth_api_token}. */
final class ApiTokenRepository {
    private static final String COLUMNS = "id, prefix, owner, owner_id, name, scopes, tenant, created_at_ms, "
            + "expires_at_ms, last_used_ms";

    /** A token found by its prefix, with the hash of its secret to compare. */
    record Found(ApiTokenRecord token, String secretSha256) {
    }

    private final Store store;

    ApiTokenRepository(Store store) {
        this.store = store;
    }

    void insert(ApiTokenRecord token, String secretSha256) {
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_api_token (" + COLUMNS
                    + ", secret_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, token.id());
                ps.setString(2, token.prefix());
                ps.setString(3, token.owner());
                ps.setString(4, token.ownerId());
                ps.setString(5, token.name());
                ps.setString(6, String.join(",", token.scopes()));
                ps.setString(7, token.tenant());
                ps.setLong(8, token.createdAt().toEpochMilli());
                StoredTimes.set(ps, 9, token.expiresAt());
                StoredTimes.set(ps, 10, token.lastUsedAt());
                ps.setString(11, secretSha256);
                return ps.executeUpdate();
            }
        });
    }

    Optional<Found> findByPrefix(String prefix) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + ", secret_sha256 FROM auth_api_token WHERE prefix = ?")) {
                ps.setString(1, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Found(read(rs), rs.getString("secret_sha256")))
                            : Optional.empty();
                }
            }
        });
    }

    Optional<ApiTokenRecord> find(String id) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auth_api_token WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The tokens of {@code owner}, or every token when it is null; newest first. */
    List<ApiTokenRecord> list(String owner) {
        return store.inTransaction(c -> {
            String sql = "SELECT " + COLUMNS + " FROM auth_api_token"
                    + (owner == null ? "" : " WHERE owner = ?") + " ORDER BY created_at_ms DESC, id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (owner != null) {
                    ps.setString(1, owner);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<ApiTokenRecord> tokens = new ArrayList<>();
                    while (rs.next()) {
                        tokens.add(read(rs));
                    }
                    return tokens;
                }
            }
        });
    }

    boolean delete(String id) {
        return store.inTransaction(c -> update(c, "DELETE FROM auth_api_token WHERE id = ?", id) == 1);
    }

    /** Every token of a user goes with the user. */
    void deleteOwnedBy(String owner) {
        store.inTransaction(c -> update(c, "DELETE FROM auth_api_token WHERE owner = ?", owner));
    }

    void touch(String id, Instant usedAt) {
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE auth_api_token SET last_used_ms = ? WHERE id = ?")) {
                ps.setLong(1, usedAt.toEpochMilli());
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    private static int update(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            return ps.executeUpdate();
        }
    }

    private static ApiTokenRecord read(ResultSet rs) throws SQLException {
        return new ApiTokenRecord(rs.getString("id"), rs.getString("prefix"), rs.getString("owner"),
                rs.getString("owner_id"), rs.getString("name"), Arrays.asList(rs.getString("scopes").split(",")),
                rs.getString("tenant"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")), StoredTimes.read(rs, "expires_at_ms"),
                StoredTimes.read(rs, "last_used_ms"));
    }
}
