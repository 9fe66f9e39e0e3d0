package io.axion.hpc.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which running runs are lost when a member leaves or a node restarts, and what a lost run shows. */
class RunLossTest {
    private static final List<RunLoss.Owner> RUNNING = List.of(
            new RunLoss.Owner("r1", "node-a", "a-1"),
            new RunLoss.Owner("r2", "node-a", "a-2"),
            new RunLoss.Owner("r3", "node-b", "b-1"),
            new RunLoss.Owner("old", null, null));

    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);

    private static RunView.MemberRun member(String name, String state, Integer exit) {
        return new RunView.MemberRun(name, "h", state, exit, "", "", false);
    }

    @Test
    void aMemberThatLeftLosesTheRunsOfItsOwnProcessOnly() {
        // node-a restarted (process a-1 → a-2) before its old member's leave was heard: a-2's run goes on.
        assertThat(RunLoss.ofMemberThatLeft(RUNNING, "a-1")).containsExactly("r1");
        assertThat(RunLoss.ofMemberThatLeft(RUNNING, "b-1")).containsExactly("r3");
        assertThat(RunLoss.ofMemberThatLeft(RUNNING, "c-9")).isEmpty();
    }

    @Test
    void atStartUpOnlyThisNodesRunsOfAnEarlierProcessAreLost() {
        assertThat(RunLoss.ofEarlierProcess(RUNNING, "node-a", "a-3")).containsExactly("r1", "r2");
        assertThat(RunLoss.ofEarlierProcess(RUNNING, "node-a", "a-2")).containsExactly("r1");
        // node-b may just not have joined yet: its run is not judged from here; runs without a node neither.
        assertThat(RunLoss.ofEarlierProcess(RUNNING, "node-c", "c-1")).isEmpty();
    }

    @Test
    void aLostRunFailsWithItsCauseAndKeepsTheResultsThatArrived() {
        RunView run = new RunView("r1", "g", RunView.RUNNING, List.of("true"), Instant.EPOCH, null,
                List.of(member("g-0", "exited", 0), member("g-1", RunView.RUNNING, null)), "node-a", null);
        RunView lost = RunLoss.lose(run, RunLoss.NODE_LOST, Instant.ofEpochSecond(5));
        assertThat(lost.state()).isEqualTo(RunView.FAILED);
        assertThat(lost.cause()).isEqualTo("node lost");
        assertThat(lost.finishedAt()).isEqualTo(Instant.ofEpochSecond(5));
        assertThat(lost.members().get(0)).isEqualTo(run.members().get(0));
        assertThat(lost.members().get(1).state()).isEqualTo("lost");
        assertThat(lost.members().get(1).stderr()).isEqualTo("node lost");
        // A run that ended is not lost afterwards.
        RunView ended = new RunView("r2", "g", RunView.SUCCEEDED, List.of("true"), Instant.EPOCH, Instant.EPOCH,
                List.of(member("g-0", "exited", 0)), "node-a", null);
        assertThat(RunLoss.lose(ended, RunLoss.NODE_LOST, Instant.now())).isSameAs(ended);
    }

    @Test
    void inTheStoreALostRunStaysFailedWhenALateResultArrives() {
        RunStore runs = new RunStore(store.get(), Clock.systemUTC());
        runs.add("r1", "g", List.of("sleep", "9"), List.of(member("g-0", RunView.RUNNING, null),
                member("g-1", RunView.RUNNING, null)), "node-a", "a-1");
        assertThat(runs.running()).containsExactly(new RunLoss.Owner("r1", "node-a", "a-1"));

        runs.lose("r1", RunLoss.NODE_LOST);
        RunView late = runs.finish("r1", member("g-0", "exited", 0));
        assertThat(late.state()).isEqualTo(RunView.FAILED);
        RunView read = runs.find("r1").orElseThrow();
        assertThat(read.state()).isEqualTo(RunView.FAILED);
        assertThat(read.cause()).isEqualTo("node lost");
        assertThat(read.node()).isEqualTo("node-a");
        assertThat(read.members()).extracting(RunView.MemberRun::state).containsExactly("lost", "lost");
        assertThat(runs.running()).isEmpty();
    }
}
