package io.axion.quota.internal;

import io.axion.api.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The admin's limits in SQLite ({@code quota_limits}), so a PUT survives restarts. */
final class LimitsStore {
    private final Store store;

    LimitsStore(Store store) {
        this.store = store;
        store.migrate("quota", LimitsStore.class, "db/quota");
    }

    Optional<Amounts> load() {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cpu, memory_mib FROM quota_limits WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Amounts(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        });
    }

    void save(Amounts limits) {
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quota_limits (id, cpu, memory_mib, "
                    + "updated_at_ms) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET cpu = excluded.cpu, "
                    + "memory_mib = excluded.memory_mib, updated_at_ms = excluded.updated_at_ms")) {
                ps.setLong(1, limits.cpu());
                ps.setLong(2, limits.memoryMiB());
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
                return null;
            }
        });
    }
}
