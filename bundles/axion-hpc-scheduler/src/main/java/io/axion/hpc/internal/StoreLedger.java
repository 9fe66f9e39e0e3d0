package io.axion.hpc.internal;

import io.axion.api.store.Store;
import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.allocation.Pin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Pins in the store ({@code hpc_reservations}), so they outlive restarts and every node sees the same ones. A
 * reservation reads and writes inside {@link Store#inExclusiveTransaction}, the store's cluster-wide lock (an
 * advisory lock on PostgreSQL, the single writer on SQLite), so two nodes never hand out the same core.
 */
public final class StoreLedger implements ReservationLedger {
    static final String LOCK = "hpc-reservations";
    private static final String CPU = "cpu";
    private static final String GPU = "gpu";

    private final Store store;

    public StoreLedger(Store store) {
        this.store = store;
        store.migrate("hpc", StoreLedger.class, "db/hpc");
    }

    @Override
    public Holdings holdings(String host) {
        return store.inTransaction(connection -> holdings(connection, host));
    }

    @Override
    public Pin reserve(List<String> hosts, String instance, BiFunction<String, Holdings, Pin> choose) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            Map<String, Holdings> held = holdings(connection);
            for (String host : hosts) {
                Pin pin = choose.apply(host, held.getOrDefault(host, Holdings.NONE));
                if (pin != null) {
                    keep(connection, host, instance, pin);
                    return pin;
                }
            }
            return null;
        });
    }

    @Override
    public List<Pin> reserveAll(List<String> instances, Function<Map<String, Holdings>, List<Pin>> plan) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            List<Pin> pins = plan.apply(holdings(connection));
            if (pins == null) {
                return null;
            }
            for (int i = 0; i < pins.size(); i++) {
                keep(connection, pins.get(i).host(), instances.get(i), pins.get(i));
            }
            return pins;
        });
    }

    private static void keep(Connection connection, String host, String instance, Pin pin) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hpc_reservations "
                + "(host, kind, resource, instance, numa_node, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            if (pin.dedicated()) {
                for (int cpu : pin.cpus()) {
                    add(insert, host, CPU, Integer.toString(cpu), instance, pin.numaNode(), now);
                }
            }
            for (String gpu : pin.gpus()) {
                add(insert, host, GPU, gpu, instance, pin.numaNode(), now);
            }
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement insert, String host, String kind, String resource, String instance,
                            Integer numaNode, long now) throws SQLException {
        insert.setString(1, host);
        insert.setString(2, kind);
        insert.setString(3, resource);
        insert.setString(4, instance);
        if (numaNode == null) {
            insert.setNull(5, java.sql.Types.INTEGER);
        } else {
            insert.setInt(5, numaNode);
        }
        insert.setLong(6, now);
        insert.addBatch();
    }

    @Override
    public void release(String instance) {
        store.inExclusiveTransaction(LOCK, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM hpc_reservations WHERE instance = ?")) {
                delete.setString(1, instance);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public List<Reservation> all() {
        return store.inTransaction(connection -> {
            Map<String, List<Integer>> cpus = new LinkedHashMap<>();
            Map<String, List<String>> gpus = new HashMap<>();
            Map<String, String> hosts = new HashMap<>();
            Map<String, Integer> nodes = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT host, kind, resource, instance, "
                    + "numa_node FROM hpc_reservations ORDER BY instance, host, kind, resource");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String instance = rows.getString(4);
                    hosts.put(instance, rows.getString(1));
                    int node = rows.getInt(5);
                    nodes.put(instance, rows.wasNull() ? null : node);
                    cpus.computeIfAbsent(instance, i -> new ArrayList<>());
                    gpus.computeIfAbsent(instance, i -> new ArrayList<>());
                    if (CPU.equals(rows.getString(2))) {
                        cpus.get(instance).add(Integer.parseInt(rows.getString(3)));
                    } else {
                        gpus.get(instance).add(rows.getString(3));
                    }
                }
            }
            List<Reservation> all = new ArrayList<>();
            cpus.forEach((instance, held) -> {
                held.sort(Integer::compare);
                all.add(new Reservation(instance, hosts.get(instance), held, gpus.get(instance), nodes.get(instance)));
            });
            return all;
        });
    }

    private static Holdings holdings(Connection connection, String host) throws SQLException {
        return holdings(connection, "WHERE host = ?", host).getOrDefault(host, Holdings.NONE);
    }

    private static Map<String, Holdings> holdings(Connection connection) throws SQLException {
        return holdings(connection, "", null);
    }

    private static Map<String, Holdings> holdings(Connection connection, String where, String host)
            throws SQLException {
        Map<String, Map<Integer, String>> cpus = new HashMap<>();
        Map<String, Map<String, String>> gpus = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT host, kind, resource, instance FROM hpc_reservations " + where)) {
            if (host != null) {
                select.setString(1, host);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String on = rows.getString(1);
                    if (CPU.equals(rows.getString(2))) {
                        cpus.computeIfAbsent(on, h -> new HashMap<>()).put(Integer.parseInt(rows.getString(3)),
                                rows.getString(4));
                    } else {
                        gpus.computeIfAbsent(on, h -> new HashMap<>()).put(rows.getString(3), rows.getString(4));
                    }
                }
            }
        }
        Map<String, Holdings> byHost = new HashMap<>();
        java.util.Set<String> hosts = new java.util.HashSet<>(cpus.keySet());
        hosts.addAll(gpus.keySet());
        for (String on : hosts) {
            byHost.put(on, new Holdings(cpus.getOrDefault(on, Map.of()), gpus.getOrDefault(on, Map.of())));
        }
        return byHost;
    }
}
