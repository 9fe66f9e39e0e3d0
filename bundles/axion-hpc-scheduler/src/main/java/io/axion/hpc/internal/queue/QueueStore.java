package io.axion.hpc.internal.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ConflictException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue in the store ({@code hpc_queue}), so it outlives restarts and the loss of any node. Entries that left
 * the queue stay for {@link #KEPT_AFTER_LEAVING}, so a client that queued can still find its job.
 */
final class QueueStore {
    static final Duration KEPT_AFTER_LEAVING = Duration.ofHours(24);
    private static final String LOCK = "hpc-queue";
    private static final String COLUMNS = "id, owner, request, queued_at, seq, state, job_id, reason";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Store store;
    private final Clock clock;

    QueueStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.migrate("hpc", QueueStore.class, "db/hpc");
    }

    QueueEntry add(CreateInstance request, String owner) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String json = write(request);
        long seq = store.inExclusiveTransaction(LOCK, connection -> {
            if (holds(connection, request.name())) {
                throw new ConflictException("already-exists", "Instance '" + request.name()
                        + "' is already waiting in the create queue");
            }
            long next = nextSeq(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hpc_queue (id, name, owner, "
                    + "priority, request, queued_at, seq, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, request.name());
                insert.setString(3, owner);
                insert.setInt(4, request.priorityOrDefault());
                insert.setString(5, json);
                insert.setLong(6, now.toEpochMilli());
                insert.setLong(7, next);
                insert.setString(8, QueuedCreate.QUEUED);
                insert.executeUpdate();
                return next;
            }
        });
        return new QueueEntry(id, owner, request, now, seq, QueuedCreate.QUEUED, null, null);
    }

    boolean holds(String name) {
        return store.inTransaction(connection -> holds(connection, name));
    }

    List<QueueEntry> waiting() {
        return select("WHERE state = ?", QueuedCreate.QUEUED);
    }

    Optional<QueueEntry> find(String id) {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    /** Marks a waiting entry as left, if it still waits: false when another node (or a cancel) took it first. */
    boolean leave(String id, String state, String jobId, String reason) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE hpc_queue SET state = ?, "
                    + "job_id = ?, reason = ?, left_at = ? WHERE id = ? AND state = ?")) {
                update.setString(1, state);
                update.setString(2, jobId);
                update.setString(3, reason);
                update.setLong(4, clock.millis());
                update.setString(5, id);
                update.setString(6, QueuedCreate.QUEUED);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Removes a waiting entry; false when there is none (unknown, or it left the queue already). */
    boolean cancel(String id) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM hpc_queue WHERE id = ? AND state = ?")) {
                delete.setString(1, id);
                delete.setString(2, QueuedCreate.QUEUED);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Drops the entries that left the queue longer ago than they are kept. */
    int purge() {
        long before = clock.millis() - KEPT_AFTER_LEAVING.toMillis();
        return store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM hpc_queue WHERE state <> ? AND left_at < ?")) {
                delete.setString(1, QueuedCreate.QUEUED);
                delete.setLong(2, before);
                return delete.executeUpdate();
            }
        });
    }

    /** One past the highest arrival number; the cluster lock around the insert keeps it unique. */
    private static long nextSeq(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM hpc_queue");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1) + 1;
        }
    }

    private static boolean holds(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM hpc_queue WHERE name = ? AND state = ?")) {
            select.setString(1, name);
            select.setString(2, QueuedCreate.QUEUED);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private List<QueueEntry> select(String where, String value) {
        return store.inTransaction(connection -> {
            List<QueueEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM hpc_queue " + where)) {
                select.setString(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new QueueEntry(rows.getString(1), rows.getString(2), read(rows.getString(3)),
                                Instant.ofEpochMilli(rows.getLong(4)), rows.getLong(5), rows.getString(6),
                                rows.getString(7), rows.getString(8)));
                    }
                }
            }
            return entries;
        });
    }

    private static String write(CreateInstance request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A create request did not serialize", e);
        }
    }

    private static CreateInstance read(String json) {
        try {
            return JSON.readValue(json, CreateInstance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A queued create request in the store is not readable", e);
        }
    }
}
