package io.axion.firewall.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.firewall.FirewallPolicy;
import io.axion.api.store.Store;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The SQL of {@code firewall_policies}: one JSON body per instance name. */
class FirewallRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store;

    FirewallRepository(Store store) {
        this.store = store;
        store.migrate("firewall", FirewallRepository.class, "db/firewall");
    }

    Optional<FirewallPolicy> find(String instance) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM firewall_policies WHERE instance = ?")) {
                ps.setString(1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(parse(rs.getString(1))) : Optional.<FirewallPolicy>empty();
                }
            }
        });
    }

    /** Every stored policy, by instance name. */
    Map<String, FirewallPolicy> all() {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT instance, body FROM firewall_policies ORDER BY instance");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, FirewallPolicy> all = new LinkedHashMap<>();
                while (rs.next()) {
                    all.put(rs.getString(1), parse(rs.getString(2)));
                }
                return all;
            }
        });
    }

    void save(String instance, FirewallPolicy policy, Instant at) {
        String body;
        try {
            body = JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO firewall_policies (instance, body, updated_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (instance) DO UPDATE SET body = excluded.body, "
                    + "updated_at = excluded.updated_at")) {
                ps.setString(1, instance);
                ps.setString(2, body);
                ps.setLong(3, at.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static FirewallPolicy parse(String body) {
        try {
            return JSON.readValue(body, FirewallPolicy.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
