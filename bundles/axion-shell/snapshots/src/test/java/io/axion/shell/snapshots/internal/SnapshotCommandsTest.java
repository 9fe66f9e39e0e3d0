package io.axion.shell.snapshots.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.job.Job;
import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.snapshot.SnapshotService;
import io.axion.shell.testing.FakeCommandLine;
import io.axion.shell.testing.FakeJobService;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class SnapshotCommandsTest {
    final FakeJobService jobs = new FakeJobService();

    /** Instance "web" has snapshots "before" and "after"; every change is a job. */
    final SnapshotService snapshots = new SnapshotService() {
        final Map<String, List<SnapshotInfo>> byInstance = Map.of("web", List.of(
                new SnapshotInfo("before", Instant.parse("2026-11-27T09:00:00Z"), false),
                new SnapshotInfo("after", Instant.parse("2026-11-27T10:00:00Z"), true)));

        @Override
        public List<SnapshotInfo> list(String instance) {
            List<SnapshotInfo> found = byInstance.get(instance);
            if (found == null) {
                throw new NotFoundException("Instance", instance);
            }
            return found;
        }

        @Override
        public Job create(String instance, String snapshot) {
            if (list(instance).stream().anyMatch(s -> s.name().equals(snapshot))) {
                throw new ConflictException("snapshot-exists", "Snapshot '" + snapshot + "' already exists");
            }
            return jobs.enqueue("snapshot.create", instance, Map.of("snapshot", snapshot));
        }

        @Override
        public Job restore(String instance, String snapshot) {
            list(instance);
            return jobs.enqueue("snapshot.restore", instance, Map.of("snapshot", snapshot));
        }

        @Override
        public Job delete(String instance, String snapshot) {
            list(instance);
            return jobs.enqueue("snapshot.delete", instance, Map.of("snapshot", snapshot));
        }
    };

    <T> T command(T command, String instance, String snapshot) {
        Fields.set(command, "snapshots", snapshots);
        Fields.set(command, "instance", instance);
        if (snapshot != null) {
            Fields.set(command, "snapshot", snapshot);
            Fields.set(command, "jobs", jobs);
        }
        return command;
    }

    @Test
    void listIsATableAndJson() throws Exception {
        String out = Output.of(command(new SnapshotListCommand(), "web", null));
        assertThat(out).contains("NAME", "CREATED", "STATEFUL", "before", "2026-11-27T09:00:00Z", "after", "yes");
        JsonNode json = new ObjectMapper().readTree(
                Output.of(Fields.set(command(new SnapshotListCommand(), "web", null), "json", true)));
        assertThat(json).hasSize(2);
        assertThat(json.get(1).path("name").asText()).isEqualTo("after");
        assertThat(json.get(1).path("stateful").asBoolean()).isTrue();
        assertThat(json.get(0).path("createdAt").asText()).isEqualTo("2026-11-27T09:00:00Z");
    }

    @Test
    void changesAreJobs() throws Exception {
        assertThat(Output.of(command(new SnapshotCreateCommand(), "web", "third")))
                .isEqualTo("Job job-1 PENDING (snapshot.create web)\n");
        assertThat(Output.of(command(new SnapshotRestoreCommand(), "web", "before"))).contains("snapshot.restore web");
        assertThat(Output.of(command(new SnapshotDeleteCommand(), "web", "before"))).contains("snapshot.delete web");
        assertThat(jobs.list(io.axion.api.job.JobFilter.newest(10))).hasSize(3);
    }

    @Test
    void refusalsAreCommandErrors() {
        assertThatThrownBy(() -> Output.of(command(new SnapshotCreateCommand(), "web", "before")))
                .isInstanceOf(CommandException.class).hasMessageStartingWith("Error 409 (snapshot-exists)");
        assertThatThrownBy(() -> Output.of(command(new SnapshotListCommand(), "nope", null)))
                .hasMessage("Error 404 (not-found): Instance 'nope' does not exist");
    }

    @Test
    void completesTheSnapshotsOfTheInstanceTypedBefore() {
        SnapshotNames completer = Fields.set(new SnapshotNames(), "snapshots", snapshots);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FakeCommandLine("axion:snapshot-restore", "--wait", "--timeout", "9", "web", "a"),
                candidates);
        assertThat(candidates).extracting(String::trim).containsExactly("after");

        candidates.clear();
        completer.complete(null, new FakeCommandLine("axion:snapshot-restore", "nope", ""), candidates);
        assertThat(candidates).isEmpty();
    }
}
