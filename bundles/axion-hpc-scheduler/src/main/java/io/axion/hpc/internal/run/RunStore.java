package io.axion.hpc.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Batch runs in the store ({@code hpc_gang_runs}), so any node answers for any run. The command is kept, the
 * environment is not (it may carry secrets). Each member's result is written as it finishes.
 */
final class RunStore {
    private static final String LOCK = "hpc-gang-runs";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<RunView.MemberRun>> MEMBERS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> ARGV = new TypeReference<>() {
    };

    private final Store store;
    private final Clock clock;

    RunStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.migrate("hpc", RunStore.class, "db/hpc");
    }

    RunView add(String id, String gang, List<String> argv, List<RunView.MemberRun> members) {
        Instant now = clock.instant();
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hpc_gang_runs (id, gang, state, "
                    + "request, members, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, gang);
                insert.setString(3, RunView.RUNNING);
                insert.setString(4, write(argv));
                insert.setString(5, write(members));
                insert.setLong(6, now.toEpochMilli());
                return insert.executeUpdate();
            }
        });
        return new RunView(id, gang, RunView.RUNNING, argv, now, null, members);
    }

    /** Writes one member's result; the run's state follows from all of them. */
    RunView finish(String id, RunView.MemberRun result) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            RunView run = find(connection, id).orElseThrow(() -> new IllegalStateException("run " + id + " is gone"));
            List<RunView.MemberRun> members = new ArrayList<>(run.members());
            members.replaceAll(m -> m.name().equals(result.name()) ? result : m);
            String state = RunView.stateOf(members);
            Instant finished = RunView.RUNNING.equals(state) ? null : clock.instant();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE hpc_gang_runs SET state = ?, members = ?, finished_at = ? WHERE id = ?")) {
                update.setString(1, state);
                update.setString(2, write(members));
                if (finished == null) {
                    update.setNull(3, java.sql.Types.BIGINT);
                } else {
                    update.setLong(3, finished.toEpochMilli());
                }
                update.setString(4, id);
                update.executeUpdate();
            }
            return new RunView(id, run.gang(), state, run.command(), run.createdAt(), finished, members);
        });
    }

    Optional<RunView> find(String id) {
        return store.inTransaction(connection -> find(connection, id));
    }

    /** The gang's runs, newest first. */
    List<RunView> list(String gang) {
        return store.inTransaction(connection -> select(connection, "WHERE gang = ? ORDER BY created_at DESC", gang));
    }

    private static Optional<RunView> find(Connection connection, String id) throws SQLException {
        return select(connection, "WHERE id = ?", id).stream().findFirst();
    }

    private static List<RunView> select(Connection connection, String where, String value) throws SQLException {
        List<RunView> runs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, gang, state, request, members, "
                + "created_at, finished_at FROM hpc_gang_runs " + where)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long finished = rows.getLong(7);
                    Instant finishedAt = rows.wasNull() ? null : Instant.ofEpochMilli(finished);
                    runs.add(new RunView(rows.getString(1), rows.getString(2), rows.getString(3),
                            read(rows.getString(4), ARGV), Instant.ofEpochMilli(rows.getLong(6)), finishedAt,
                            read(rows.getString(5), MEMBERS)));
                }
            }
        }
        return runs;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A run did not serialize", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A run in the store is not readable", e);
        }
    }
}
