package io.axion.snapshot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.AxionException;
import io.axion.api.job.Job;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.snapshot.SnapshotJobs;
import io.axion.testing.FakeLxd;
import io.axion.testing.InMemoryCluster;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotManagerTest {
    FakeLxd lxd = new FakeLxd();
    Fakes.Jobs jobs = new Fakes.Jobs();
    InMemoryCluster cluster = new InMemoryCluster("node-a");
    SnapshotManager manager = new SnapshotManager(lxd, lxd.snapshots, jobs, cluster,
            name -> java.util.Optional.of("h1"));

    @BeforeEach
    void instance() {
        lxd.add("web", InstanceStatus.RUNNING);
    }

    @Test
    void createQueuesAJobForTheInstance() {
        Job job = manager.create("web", "before-upgrade");

        assertThat(job.type()).isEqualTo(SnapshotJobs.CREATE);
        assertThat(job.instance()).isEqualTo("web");
        assertThat(job.payload()).isEqualTo(Map.of("snapshot", "before-upgrade"));
        assertThat(lxd.calls).doesNotContain("snapshot"); // the job does the work
        assertThat(cluster.table().held()).isEmpty();
    }

    @Test
    void invalidNamesAre422BeforeAnythingElse() {
        assertStatus(() -> manager.create("web", null), 422, "snapshot: is required");
        assertStatus(() -> manager.create("web", "Upper"), 422, "snapshot:");
        assertStatus(() -> manager.create("web", "ends-"), 422, "snapshot:");
        assertStatus(() -> manager.create("web", "a".repeat(64)), 422, "snapshot:");
        assertStatus(() -> manager.create("Bad_Name", "s1"), 422, "name:");
        assertStatus(() -> manager.list("../x"), 422, "name:");
        assertStatus(() -> manager.restore("web", "x/y"), 422, "snapshot:");
        assertThat(manager.create("web", "a").payload()).containsEntry("snapshot", "a");
        assertThat(manager.create("web", "a".repeat(63)).payload()).containsEntry("snapshot", "a".repeat(63));
    }

    @Test
    void unknownInstanceOrSnapshotIs404() {
        assertStatus(() -> manager.create("ghost", "s1"), 404, "Instance 'ghost'");
        assertStatus(() -> manager.list("ghost"), 404, "Instance 'ghost'");
        assertStatus(() -> manager.restore("web", "nope"), 404, "Snapshot 'web/nope'");
        assertStatus(() -> manager.delete("web", "nope"), 404, "Snapshot 'web/nope'");
        assertThat(jobs.jobs).isEmpty();
    }

    @Test
    void aTakenNameIs409BeforeAnyJob() {
        lxd.snapshots.create("web", "s1", false);
        assertStatus(() -> manager.create("web", "s1"), 409, "already exists");
        assertThat(jobs.jobs).isEmpty();
    }

    @Test
    void aNameWhoseCreateIsStillQueuedIs409Too() {
        manager.create("web", "s1");
        assertStatus(() -> manager.create("web", "s1"), 409, "already exists");
        assertThat(jobs.jobs).hasSize(1);

        jobs.finishAll(); // a finished create that made nothing (e.g. failed) no longer holds the name
        assertThat(manager.create("web", "s1").type()).isEqualTo(SnapshotJobs.CREATE);
    }

    @Test
    void restoreAndDeleteQueueJobs() {
        lxd.snapshots.create("web", "s1", false);
        assertThat(manager.restore("web", "s1").type()).isEqualTo(SnapshotJobs.RESTORE);
        assertThat(manager.delete("web", "s1").type()).isEqualTo(SnapshotJobs.DELETE);
        assertThat(manager.list("web")).extracting(s -> s.name()).containsExactly("s1");
    }

    static void assertStatus(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOf(AxionException.class)
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(status))
                .hasMessageContaining(detail);
    }
}
