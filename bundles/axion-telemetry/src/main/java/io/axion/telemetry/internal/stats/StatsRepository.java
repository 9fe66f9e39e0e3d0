package io.axion.telemetry.internal.stats;

import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code stats_series} and {@code stats_buckets}. Buckets live in the store rather than an embedded
 * time-series library: the store is already there on every node (SQLite alone, PostgreSQL shared by a cluster, so any
 * node answers for any host), backed up with the rest, and a ring of fixed slots makes the size bounded and
 * predictable without a compaction or a delete; an embedded library would add a second file per node that a
 * cluster could not share.
 */
final class StatsRepository {
    private final Store store;

    StatsRepository(Store store) {
        this.store = store;
        store.migrate("stats", StatsRepository.class, "db/stats");
    }

    /** A bucket that closed, to be written. */
    record Closed(long series, Tier tier, long start, byte[] data) {
    }

    /** Writes buckets (and the series they belong to) in one transaction: one commit per flush, not per row. */
    void write(List<Closed> buckets, List<SeriesRow> series) {
        if (buckets.isEmpty() && series.isEmpty()) {
            return;
        }
        store.inTransaction(c -> {
            if (!series.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats_series (id, kind, name, last_t) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_t = excluded.last_t")) {
                    for (SeriesRow row : series) {
                        ps.setLong(1, row.key().id());
                        ps.setString(2, row.key().kind().column());
                        ps.setString(3, row.key().name());
                        ps.setLong(4, row.lastT());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!buckets.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats_buckets (series, tier, slot, t, "
                        + "data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (series, tier, slot) DO UPDATE SET t = excluded.t, "
                        + "data = excluded.data")) {
                    for (Closed bucket : buckets) {
                        ps.setLong(1, bucket.series());
                        ps.setInt(2, bucket.tier().ordinal());
                        ps.setInt(3, bucket.tier().slot(bucket.start()));
                        ps.setLong(4, bucket.start());
                        ps.setBytes(5, bucket.data());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    record SeriesRow(SeriesKey key, long lastT) {
    }

    /** The points of one metric with {@code from <= t < to}, oldest first. */
    List<StatsPoint> read(long series, Tier tier, Metric metric, long from, long to) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t, data FROM stats_buckets WHERE series = ? AND "
                    + "tier = ? AND t >= ? AND t < ? ORDER BY t")) {
                ps.setLong(1, series);
                ps.setInt(2, tier.ordinal());
                ps.setLong(3, from);
                ps.setLong(4, to);
                List<StatsPoint> points = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StatsPoint point = Bucket.decode(rs.getLong(1), rs.getBytes(2), metric);
                        if (point != null) {
                            points.add(point);
                        }
                    }
                }
                return points;
            }
        });
    }

    /** The names of every series of one kind. */
    List<String> names(SeriesKey.Kind kind) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM stats_series WHERE kind = ?")) {
                ps.setString(1, kind.column());
                List<String> names = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /** Rows of one series in one tier (tests and the benchmark). */
    int count(long series, Tier tier) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stats_buckets WHERE series = ? "
                    + "AND tier = ?")) {
                ps.setLong(1, series);
                ps.setInt(2, tier.ordinal());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Drops series nothing was recorded for since {@code before} (deleted instances), with their buckets. */
    int forgetSilentSince(long before) {
        return store.inTransaction(c -> {
            delete(c, "DELETE FROM stats_buckets WHERE series IN (SELECT id FROM stats_series WHERE last_t < ?)",
                    before);
            return delete(c, "DELETE FROM stats_series WHERE last_t < ?", before);
        });
    }

    private static int delete(Connection c, String sql, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before);
            return ps.executeUpdate();
        }
    }
}
