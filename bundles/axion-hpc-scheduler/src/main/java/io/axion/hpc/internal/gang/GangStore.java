package io.axion.hpc.internal.gang;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ConflictException;
import io.axion.api.store.Store;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import io.axion.hpc.internal.allocation.Pin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gangs and their members in the store ({@code hpc_gangs}, {@code hpc_gang_members}): every node sees the same. */
public final class GangStore {
    public static final String QUEUED = "queued";
    public static final String CREATING = "creating";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";
    public static final String DELETING = "deleting";
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String LOCK = "hpc-gangs";

    /**
     * A row of {@code hpc_gangs}.
     *
     * @param tenant the tenant it was made in (its members are made there too)
     */
    public record Gang(String name, String owner, String tenant, String state, GangRequest request, String jobId,
                       String reason, Instant createdAt) {
    }

    /** A row of {@code hpc_gang_members}. */
    public record Member(String name, String gang, int index, String host) {
    }

    private final Store store;
    private final Clock clock;

    public GangStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.migrate("hpc", GangStore.class, "db/hpc");
    }

    /**
     * Adds a gang of {@code tenant} (with its members' hosts when placed); 409 when a gang of that name exists in
     * any tenant (names are unique across the cluster, see {@link GangService#create}).
     */
    public void add(GangRequest request, String owner, String tenant, String state, List<Pin> pins) {
        long now = clock.millis();
        store.inExclusiveTransaction(LOCK, connection -> {
            if (find(connection, request.name()).isPresent()) {
                throw new ConflictException("already-exists", "Gang '" + request.name() + "' already exists");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hpc_gangs (name, owner, tenant, "
                    + "state, request, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, request.name());
                insert.setString(2, owner);
                insert.setString(3, tenant == null ? TenantService.DEFAULT : tenant);
                insert.setString(4, state);
                insert.setString(5, write(request));
                insert.setLong(6, now);
                insert.setLong(7, now);
                insert.executeUpdate();
            }
            if (pins != null) {
                addMembers(connection, request, pins);
            }
            return null;
        });
    }

    /** A queued gang found room: its members' hosts, and it is being created; false when it no longer waits. */
    public boolean placed(GangRequest request, List<Pin> pins) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            Optional<Gang> now = find(connection, request.name());
            if (now.isEmpty() || !QUEUED.equals(now.get().state())) {
                return false;
            }
            addMembers(connection, request, pins);
            update(connection, request.name(), CREATING, null, null);
            return true;
        });
    }

    private static void addMembers(Connection connection, GangRequest request, List<Pin> pins) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hpc_gang_members (name, gang, member, host) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < pins.size(); i++) {
                insert.setString(1, request.memberName(i));
                insert.setString(2, request.name());
                insert.setInt(3, i);
                insert.setString(4, pins.get(i).host());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public void state(String name, String state, String jobId, String reason) {
        store.inTransaction(connection -> update(connection, name, state, jobId, reason));
    }

    private int update(Connection connection, String name, String state, String jobId, String reason)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE hpc_gangs SET state = ?, "
                + "job_id = COALESCE(?, job_id), reason = ?, updated_at = ? WHERE name = ?")) {
            update.setString(1, state);
            update.setString(2, jobId);
            update.setString(3, reason);
            update.setLong(4, clock.millis());
            update.setString(5, name);
            return update.executeUpdate();
        }
    }

    /** Forgets the gang, its members and its runs. */
    public void remove(String name) {
        store.inExclusiveTransaction(LOCK, connection -> {
            for (String table : List.of("hpc_gang_runs", "hpc_gang_members")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE gang = ?")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM hpc_gangs WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Forgets a gang that still waits (it has no members nor pins yet). In the gang lock, as {@link #placed} is, so
     * a dispatch either placed it first (false here) or finds it gone.
     */
    public boolean cancelQueued(String name) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM hpc_gangs WHERE name = ? AND state = ?")) {
                delete.setString(1, name);
                delete.setString(2, QUEUED);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Drops the members of a gang whose create failed (their instances are gone). */
    public void removeMembers(String name) {
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM hpc_gang_members WHERE gang = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate();
            }
        });
    }

    public Optional<Gang> find(String name) {
        return store.inTransaction(connection -> find(connection, name));
    }

    /** The gang if {@code scope} sees it: another tenant's is as absent as a missing one. */
    public Optional<Gang> find(String name, TenantScope scope) {
        return find(name).filter(gang -> GangTenancy.sees(scope, gang.tenant()));
    }

    /** Every gang, oldest first. */
    public List<Gang> list() {
        return store.inTransaction(connection -> select(connection, "ORDER BY created_at, name", null));
    }

    /** The gangs {@code scope} sees (every one when it sees every tenant), oldest first. */
    public List<Gang> list(TenantScope scope) {
        if (GangTenancy.seesAll(scope)) {
            return list();
        }
        return store.inTransaction(connection -> select(connection, "WHERE tenant = ? ORDER BY created_at, name",
                GangTenancy.tenantOf(scope)));
    }

    /** The queued gangs, oldest first (their dispatch order is {@link GangQueue#order}). */
    public List<Gang> queued() {
        return store.inTransaction(connection -> select(connection, "WHERE state = ? ORDER BY created_at, name",
                QUEUED));
    }

    public List<Member> members(String gang) {
        return store.inTransaction(connection -> {
            List<Member> members = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, gang, member, host FROM hpc_gang_members WHERE gang = ? ORDER BY member")) {
                select.setString(1, gang);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        members.add(new Member(rows.getString(1), rows.getString(2), rows.getInt(3),
                                rows.getString(4)));
                    }
                }
            }
            return members;
        });
    }

    private static Optional<Gang> find(Connection connection, String name) throws SQLException {
        return select(connection, "WHERE name = ?", name).stream().findFirst();
    }

    private static List<Gang> select(Connection connection, String where, String value) throws SQLException {
        List<Gang> gangs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT name, owner, tenant, state, request, "
                + "job_id, reason, created_at FROM hpc_gangs " + where)) {
            if (value != null) {
                select.setString(1, value);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    gangs.add(new Gang(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            read(rows.getString(5), GangRequest.class), rows.getString(6), rows.getString(7),
                            Instant.ofEpochMilli(rows.getLong(8))));
                }
            }
        }
        return gangs;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Did not serialize: " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A gang row in the store is not readable as " + type.getSimpleName(), e);
        }
    }
}
