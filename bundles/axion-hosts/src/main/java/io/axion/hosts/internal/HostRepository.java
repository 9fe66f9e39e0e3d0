package io.axion.hosts.internal;

import io.axion.api.host.HostEndpoint;
import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of {@code hosts} and {@code host_bootstrap}. */
final class HostRepository {
    private static final String COLUMNS = "name, url, socket, project, client_certificate, client_key, "
            + "server_certificate, home_node, created_at";

    private final Store store;

    HostRepository(Store store) {
        this.store = store;
        store.migrate("hosts", HostRepository.class, "db/hosts");
    }

    List<HostRecord> list() {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM hosts ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                List<HostRecord> records = new ArrayList<>();
                while (rs.next()) {
                    records.add(record(rs));
                }
                return records;
            }
        });
    }

    /** @return whether it was added: false when the name or the endpoint is taken */
    boolean insertIfAbsent(HostRecord host) {
        return store.inTransaction(c -> {
            if (exists(c, "SELECT 1 FROM hosts WHERE name = ? OR endpoint_key = ?", host.name(), host.endpointKey())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hosts (" + COLUMNS + ", endpoint_key) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                HostEndpoint e = host.endpoint();
                ps.setString(1, host.name());
                ps.setString(2, e.url());
                ps.setString(3, e.socket());
                ps.setString(4, e.project());
                ps.setString(5, e.clientCertificate());
                ps.setString(6, e.clientKey());
                ps.setString(7, e.serverCertificate());
                ps.setString(8, host.home());
                ps.setLong(9, host.createdAt().toEpochMilli());
                ps.setString(10, host.endpointKey());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Which of the name and the endpoint is taken, for the 409's detail; null when neither. */
    String taken(HostRecord host) {
        return store.inTransaction(c -> {
            if (exists(c, "SELECT 1 FROM hosts WHERE name = ?", host.name())) {
                return "Host '" + host.name() + "' exists";
            }
            if (exists(c, "SELECT 1 FROM hosts WHERE endpoint_key = ?", host.endpointKey())) {
                return "Another host already is " + host.endpoint().describe();
            }
            return null;
        });
    }

    boolean delete(String name) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hosts WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Marks the node's first boot as done; false when an earlier boot did already. */
    boolean firstBoot(String node) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO host_bootstrap (node, at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, node);
                ps.setLong(2, System.currentTimeMillis());
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static boolean exists(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static HostRecord record(ResultSet rs) throws SQLException {
        return new HostRecord(rs.getString("name"), new HostEndpoint(rs.getString("url"), rs.getString("socket"),
                rs.getString("project"), rs.getString("client_certificate"), rs.getString("client_key"),
                rs.getString("server_certificate")), rs.getString("home_node"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
