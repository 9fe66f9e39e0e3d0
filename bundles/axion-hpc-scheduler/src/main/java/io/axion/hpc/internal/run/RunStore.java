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

    /** @param node the node starting it, and the member id of its process, to tell when the run is lost */
    RunView add(String id, String gang, List<String> argv, List<RunView.MemberRun> members, String node,
                String memberId) {
        Instant now = clock.instant();
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hpc_gang_runs (id, gang, state, "
                    + "request, members, created_at, node, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, gang);
                insert.setString(3, RunView.RUNNING);
                insert.setString(4, write(argv));
                insert.setString(5, write(members));
                insert.setLong(6, now.toEpochMilli());
                insert.setString(7, node);
                insert.setString(8, memberId);
                return insert.executeUpdate();
            }
        });
        return new RunView(id, gang, RunView.RUNNING, argv, now, null, members, node, null);
    }

    /** Where every running run runs. */
    List<RunLoss.Owner> running() {
        return store.inTransaction(connection -> {
            List<RunLoss.Owner> owners = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, node, member_id FROM hpc_gang_runs WHERE state = ?")) {
                select.setString(1, RunView.RUNNING);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        owners.add(new RunLoss.Owner(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
            return owners;
        });
    }

    /** Fails a run that still runs with {@code cause} ({@link RunLoss#lose}); one that ended stays as it is. */
    RunView lose(String id, String cause) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            RunView run = find(connection, id).orElseThrow(() -> new IllegalStateException("run " + id + " is gone"));
            RunView lost = RunLoss.lose(run, cause, clock.instant());
            if (lost != run) {
                write(connection, lost);
            }
            return lost;
        });
    }

    /** Writes one member's result; the run's state follows from all of them. */
    RunView finish(String id, RunView.MemberRun result) {
        return store.inExclusiveTransaction(LOCK, connection -> {
            RunView run = find(connection, id).orElseThrow(() -> new IllegalStateException("run " + id + " is gone"));
            if (!RunView.RUNNING.equals(run.state())) {
                // Declared lost meanwhile (its node was taken for gone): a late result does not revive it.
                return run;
            }
            List<RunView.MemberRun> members = new ArrayList<>(run.members());
            members.replaceAll(m -> m.name().equals(result.name()) ? result : m);
            String state = RunView.stateOf(members);
            Instant finished = RunView.RUNNING.equals(state) ? null : clock.instant();
            RunView updated = new RunView(id, run.gang(), state, run.command(), run.createdAt(), finished, members,
                    run.node(), null);
            write(connection, updated);
            return updated;
        });
    }

    private static void write(Connection connection, RunView run) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE hpc_gang_runs SET state = ?, members = ?, finished_at = ?, cause = ? WHERE id = ?")) {
            update.setString(1, run.state());
            update.setString(2, write(run.members()));
            if (run.finishedAt() == null) {
                update.setNull(3, java.sql.Types.BIGINT);
            } else {
                update.setLong(3, run.finishedAt().toEpochMilli());
            }
            update.setString(4, run.cause());
            update.setString(5, run.id());
            update.executeUpdate();
        }
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
                + "created_at, finished_at, node, cause FROM hpc_gang_runs " + where)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long finished = rows.getLong(7);
                    Instant finishedAt = rows.wasNull() ? null : Instant.ofEpochMilli(finished);
                    runs.add(new RunView(rows.getString(1), rows.getString(2), rows.getString(3),
                            read(rows.getString(4), ARGV), Instant.ofEpochMilli(rows.getLong(6)), finishedAt,
                            read(rows.getString(5), MEMBERS), rows.getString(8), rows.getString(9)));
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
